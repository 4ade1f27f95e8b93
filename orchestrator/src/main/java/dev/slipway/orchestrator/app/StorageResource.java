package dev.slipway.orchestrator.app;

import dev.slipway.api.config.Names;
import dev.slipway.api.event.CleanupRequested;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.outbox.Outbox;
import dev.slipway.orchestrator.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * An app's persistent directories ({@code [[storage]]}) outlive every release and rollback; this is
 * the one way to remove one before the app goes. Only a directory a release of the app declared may
 * go, once the serving release no longer uses it, and not while a deployment runs that may be
 * about to use it.
 */
@Path("/api/apps/{app}/storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public StorageResource(Mutiny.SessionFactory sessions, Outbox outbox, OutboxRelay relay) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** 202: a deploy worker removes the directory {@code path} and all in it. */
    @DELETE
    public Uni<Response> remove(@PathParam("app") String app, @QueryParam("path") String path) {
        String problem = path == null ? "say which directory: ?path=data" : Names.storagePathProblem(path);
        if (problem != null) {
            throw Refused.invalid(problem);
        }
        return sessions.withTransaction(session -> App.existing(session, app)
                        // Under the app's lock, as deployment requests take it: none starts meanwhile.
                        .call(found -> session.lock(found, LockMode.PESSIMISTIC_WRITE))
                        .call(found -> AppRemoval.refuseWhileDeploying(session, app, "remove its storage"))
                        .call(found -> refuseUnlessRemovable(session, found, path))
                        .call(found -> outbox.enqueue(session, new CleanupRequested(found.commandId(), app, 1, List.of(),
                                List.of(path), false), Duration.ZERO)))
                .invoke(relay::wake)
                .map(found -> Response.accepted(Map.of("app", app, "path", path,
                        "message", "the persistent directory " + path + " and all in it are being removed")).build());
    }

    /**
     * Only a directory one of its releases declared, and none the serving release still uses: not
     * it, nor one inside or around it.
     */
    private static Uni<Void> refuseUnlessRemovable(Mutiny.Session session, App app, String path) {
        return session.createQuery("from Deployment where app = :app", Deployment.class).setParameter("app", app.name)
                .getResultList().invoke(deployments -> {
                    if (deployments.stream().noneMatch(d -> d.config != null && d.config().storage().contains(path))) {
                        throw Refused.notFound("storage " + path + " of app \"" + app.name + "\" (none of its"
                                + " releases declared it in [[storage]])");
                    }
                    Deployment current = deployments.stream().filter(d -> d.id.equals(app.currentDeployment))
                            .findFirst().orElse(null);
                    String served = current == null ? null : current.config().storage().stream()
                            .filter(p -> Names.storageOverlap(p, path)).findFirst().orElse(null);
                    if (served != null) {
                        throw Refused.conflict("release v" + current.release + " of \""
                                + app.name + "\" keeps its files in " + served + " ([[storage]] in slipway.toml); deploy"
                                + " a release without it first");
                    }
                }).replaceWithVoid();
    }
}
