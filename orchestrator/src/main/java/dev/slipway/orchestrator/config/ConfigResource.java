package dev.slipway.orchestrator.config;

import dev.slipway.api.config.Names;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.deployment.intake.DeploymentRequestResource;
import dev.slipway.orchestrator.deployment.pipeline.DeploymentProcess;
import dev.slipway.orchestrator.deployment.pipeline.Rebase;
import dev.slipway.orchestrator.hook.AppHooks;
import dev.slipway.orchestrator.outbox.OutboxRelay;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * An app's config vars: set and removed through here, never shown back in clear. A change to an
 * app that is live makes a new release from its current artifact with the new vars, as Heroku does.
 * The config_changed subscribers are told which keys changed, never their values.
 */
@Path("/api/apps/{app}/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {

    /** A config var as the API shows it: its value never. */
    public record VarView(String key, String value, Instant updatedAt) {
    }

    static final String HIDDEN = "********";
    private static final int MAX_VALUE_CHARS = 32 * 1024;

    private final Mutiny.SessionFactory sessions;
    private final Secrets secrets;
    private final DeploymentProcess process;
    private final Clock clock;
    private final AppHooks hooks;
    private final OutboxRelay relay;

    public ConfigResource(Mutiny.SessionFactory sessions, Secrets secrets, DeploymentProcess process, Clock clock,
                          AppHooks hooks, OutboxRelay relay) {
        this.hooks = hooks;
        this.relay = relay;
        this.sessions = sessions;
        this.secrets = secrets;
        this.process = process;
        this.clock = clock;
    }

    @GET
    public Uni<List<VarView>> list(@PathParam("app") String app) {
        return sessions.withSession(session -> App.existing(session, app).chain(() -> ConfigVar.ofApp(session, app)))
                .map(vars -> vars.stream().map(v -> new VarView(v.key, HIDDEN, v.updatedAt)).toList());
    }

    /** Sets the vars in the body ({@code {"KEY": "value"}}), keeping the others. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> set(@PathParam("app") String app, Map<String, String> body) {
        if (body == null || body.isEmpty()) {
            throw Refused.invalid("send the vars to set as {\"KEY\": \"value\"}");
        }
        body.forEach(ConfigResource::check);
        Instant now = clock.instant();
        // One after another: a reactive session does one thing at a time.
        return sessions.withTransaction(session -> App.existing(session, app).call(() -> Multi.createFrom()
                        .iterable(body.entrySet())
                        .onItem().transformToUniAndConcatenate(entry -> session.find(ConfigVar.class,
                                new ConfigVar.Key(app, entry.getKey())).chain(found -> {
                                    ConfigVar v = found != null ? found : new ConfigVar();
                                    v.app = app;
                                    v.key = entry.getKey();
                                    v.sealed = secrets.seal(app, entry.getKey(), entry.getValue());
                                    v.updatedAt = now;
                                    return found != null ? Uni.createFrom().voidItem() : session.persist(v);
                                }))
                        .collect().last())
                        .call(found -> hooks.configChanged(session, app, found.currentDeployment, body.keySet())))
                .chain(found -> release(found, "config change: set " + String.join(", ", body.keySet().stream().sorted()
                        .toList())));
    }

    @DELETE
    @Path("/{key}")
    public Uni<Response> unset(@PathParam("app") String app, @PathParam("key") String key) {
        return sessions.withTransaction(session -> App.existing(session, app)
                        .call(() -> session.find(ConfigVar.class, new ConfigVar.Key(app, key))
                                .onItem().ifNull().failWith(() -> Refused.notFound(
                                        "config var " + Names.printable(key) + " of app \"" + app + "\""))
                                .chain(session::remove))
                        .call(found -> hooks.configChanged(session, app, found.currentDeployment, List.of(key))))
                .chain(found -> release(found, "config change: removed " + key));
    }

    /** A new release with the changed vars when the app is live; otherwise they wait for its next deployment. */
    private Uni<Response> release(App app, String description) {
        if (app.currentDeployment == null) {
            // A config_changed request may wait in the outbox. A live app's new release wakes the relay once it
            // is recorded; waking it sooner would run the relay's transaction beside that one, in the same session.
            relay.wake();
            return Uni.createFrom().item(Response.ok(Map.of("message",
                    "saved; the app's next deployment gets it")).build());
        }
        return sessions.withSession(session -> session.find(Deployment.class, app.currentDeployment))
                .chain(current -> process.start(app.name, UUID.randomUUID(), new DeploymentProcess.Origin(
                        java.nio.file.Path.of(current.source), current.config(), current.artifact(), description,
                        // If the app's deployments are queued, the release served on its turn gets the vars.
                        Rebase.ofServing(Map.of()))))
                .map(DeploymentRequestResource::accepted);
    }

    private static void check(String key, String value) {
        String problem = Names.envKeyProblem(key);
        if (problem != null) {
            throw Refused.invalid("config var " + problem);
        }
        if (key.equals("PORT")) {
            throw Refused.invalid("config var PORT is Slipway's: it gives each web process its own");
        }
        if (value == null || value.length() > MAX_VALUE_CHARS || value.indexOf('\0') >= 0) {
            throw Refused.invalid("config var " + key + " needs a string value of at most 32 KiB, without NUL");
        }
    }

}
