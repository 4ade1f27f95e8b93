package dev.slipway.orchestrator.deployment;

import dev.slipway.orchestrator.api.ApiException;
import dev.slipway.orchestrator.app.App;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

@Path("/api/apps/{app}/deployments")
public class DeploymentRequestResource {

    private final Mutiny.SessionFactory sessions;
    private final SourceIntake intake;
    private final DeploymentProcess process;
    private final Vertx vertx;

    public DeploymentRequestResource(Mutiny.SessionFactory sessions, SourceIntake intake, DeploymentProcess process,
                                     Vertx vertx) {
        this.sessions = sessions;
        this.intake = intake;
        this.process = process;
        this.vertx = vertx;
    }

    /** Deploys a {@code .tar.gz} of the app's source tree. */
    @POST
    @Consumes({"application/gzip", "application/x-gzip", "application/x-tar+gzip", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> deploy(@PathParam("app") String app, java.nio.file.Path upload) {
        UUID id = UUID.randomUUID();
        return sessions.withSession(session -> session.find(App.class, app))
                .onItem().ifNull().failWith(() -> ApiException.notFound("app \"" + app + "\""))
                .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> intake.accept(upload, id))))
                .chain(accepted -> process.start(app, id,
                        new DeploymentProcess.Origin(accepted.source(), accepted.config(), null, "upload")))
                .map(d -> Response.accepted(Map.of("id", d.id, "app", d.app, "state", d.state, "links", links(d.id)))
                        .build());
    }

    /** Where a new deployment's state and streams are. */
    static Map<String, String> links(UUID id) {
        return Map.of("self", "/api/deployments/" + id, "events", "/api/deployments/" + id + "/events",
                "logs", "/api/deployments/" + id + "/logs");
    }
}
