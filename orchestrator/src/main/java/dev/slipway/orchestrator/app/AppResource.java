package dev.slipway.orchestrator.app;

import dev.slipway.api.config.Names;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.deployment.DeploymentView;
import dev.slipway.orchestrator.hook.AppHooks;
import dev.slipway.orchestrator.outbox.OutboxRelay;
import dev.slipway.orchestrator.workflow.DeployOrder;
import dev.slipway.orchestrator.process.ReleaseCrash;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

@Path("/api/apps")
@Produces(MediaType.APPLICATION_JSON)
public class AppResource {

    /** Body of {@code POST /api/apps}. */
    public record NewApp(String name) {
    }

    /** Body of {@code PATCH /api/apps/{app}}: the settings to change; absent ones stay. */
    public record AppSettings(String deployOrder) {
    }

    private static final int RECENT_DEPLOYMENTS = 20;

    private final Mutiny.SessionFactory sessions;
    private final AppRemoval removal;
    private final Clock clock;
    private final AppHooks hooks;
    private final OutboxRelay relay;

    public AppResource(Mutiny.SessionFactory sessions, AppRemoval removal, Clock clock, AppHooks hooks, OutboxRelay relay) {
        this.hooks = hooks;
        this.relay = relay;
        this.sessions = sessions;
        this.removal = removal;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(NewApp body) {
        String name = body == null ? null : body.name();
        String problem = AppNames.problem(name);
        if (problem != null) {
            throw Refused.invalid(problem);
        }
        return sessions.withTransaction(session -> session.find(App.class, name).chain(existing -> {
            if (existing != null) {
                throw Refused.conflict("app \"" + name + "\" already exists");
            }
            App app = new App(name, clock.instant());
            return session.persist(app).call(() -> hooks.created(session, name)).replaceWith(app);
        })).invoke(relay::wake).map(app -> Response.status(Response.Status.CREATED)
                .entity(new AppView(app.name, app.createdAt, app.deployOrder.wire(), null, null))
                .build());
    }

    @GET
    public Uni<List<AppView>> list() {
        return sessions.withSession(session -> session.createQuery("from App order by name", App.class).getResultList()
                .chain(apps -> current(session, apps).chain(current -> crashes(session, current).map(crashes -> apps
                        .stream().map(app -> view(app, current, crashes, null)).toList()))));
    }

    @GET
    @Path("/{app}")
    public Uni<AppView> get(@PathParam("app") String name) {
        return sessions.withSession(session -> App.existing(session, name)
                .chain(app -> current(session, List.of(app)).chain(current -> crashes(session, current)
                        .chain(crashes -> session.createQuery(
                                "from Deployment where app = :app order by createdAt desc", Deployment.class)
                        .setParameter("app", name).setMaxResults(RECENT_DEPLOYMENTS).getResultList()
                        .map(recent -> view(app, current, crashes,
                                recent.stream().map(DeploymentView.Summary::of).toList()))))));
    }

    /**
     * Changes the app's settings: {@code deployOrder} {@code queue} (a new deployment request waits
     * behind the app's earlier ones) or {@code supersede} (it cancels those still waiting).
     */
    @PATCH
    @Path("/{app}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<AppView> update(@PathParam("app") String name, AppSettings body) {
        if (body == null || body.deployOrder() == null) {
            throw Refused.invalid("nothing to change: send {\"deployOrder\": \"queue\"} or"
                    + " {\"deployOrder\": \"supersede\"}");
        }
        DeployOrder order;
        try {
            order = DeployOrder.of(body.deployOrder());
        } catch (IllegalArgumentException e) {
            throw Refused.invalid(Names.printable(e.getMessage()));
        }
        // Under the app's lock, as deployment requests read it.
        return sessions.withTransaction(session -> session.find(App.class, name, LockMode.PESSIMISTIC_WRITE)
                        .onItem().ifNull().switchTo(() -> App.existing(session, name))
                        .invoke(app -> app.deployOrder = order))
                .chain(() -> get(name));
    }

    /** 202: the app is gone from the API at once; its release stops and its routes go shortly after. */
    @DELETE
    @Path("/{app}")
    public Uni<Response> delete(@PathParam("app") String name) {
        return removal.remove(name).map(ignored -> Response.accepted(Map.of("app", name,
                "message", "deleted; its release is being stopped and its routes removed")).build());
    }

    private static Uni<Map<UUID, Deployment>> current(Mutiny.Session session, List<App> apps) {
        List<UUID> ids = apps.stream().map(a -> a.currentDeployment).filter(java.util.Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createQuery("from Deployment where id in :ids", Deployment.class).setParameter("ids", ids)
                .getResultList().map(ds -> ds.stream().collect(Collectors.toMap(d -> d.id, Function.identity())));
    }

    private static Uni<Map<UUID, String>> crashes(Mutiny.Session session, Map<UUID, Deployment> current) {
        return ReleaseCrash.reasons(session, List.copyOf(current.keySet()));
    }

    private static AppView view(App app, Map<UUID, Deployment> deployments, Map<UUID, String> crashes,
                                List<DeploymentView.Summary> recent) {
        Deployment current = app.currentDeployment == null ? null : deployments.get(app.currentDeployment);
        String crash = current == null ? null : crashes.get(current.id);
        AppView.CurrentRelease release = current == null ? null
                : new AppView.CurrentRelease(current.release, current.id,
                        current.urls(),
                        crash == null ? "RUNNING" : "CRASHED", crash,
                        current.config().storage());
        return new AppView(app.name, app.createdAt, app.deployOrder.wire(), release, recent);
    }
}
