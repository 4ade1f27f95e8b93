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
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

@Path("/api/apps/{app}/deployments")
public class DeploymentRequestResource {

    private final Mutiny.SessionFactory sessions;
    private final SourceIntake intake;
    private final GitSource git;
    private final DeploymentProcess process;
    private final Vertx vertx;

    public DeploymentRequestResource(Mutiny.SessionFactory sessions, SourceIntake intake, GitSource git,
                                     DeploymentProcess process, Vertx vertx) {
        this.sessions = sessions;
        this.intake = intake;
        this.git = git;
        this.process = process;
        this.vertx = vertx;
    }

    /** Deploys a {@code .tar.gz} of the app's source tree. */
    @POST
    @Consumes({"application/gzip", "application/x-gzip", "application/x-tar+gzip", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> deploy(@PathParam("app") String app, java.nio.file.Path upload) {
        return start(app, id -> intake.accept(upload, id), "upload");
    }

    /** Deploys a branch or tag of a git repository: {@code {"git": URL, "ref": REF}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> deployFromGit(@PathParam("app") String app, GitSource.Request source) {
        return start(app, id -> {
            java.nio.file.Path archive = git.fetch(source);
            try {
                return intake.accept(archive, id);
            } finally {
                archive.toFile().delete();
            }
        }, GitSource.describe(source));
    }

    /** Checks the app, then the source off the event loop, then starts the pipeline. */
    private Uni<Response> start(String app, Function<UUID, SourceIntake.Accepted> accept, String description) {
        UUID id = UUID.randomUUID();
        return sessions.withSession(session -> session.find(App.class, app))
                .onItem().ifNull().failWith(() -> ApiException.notFound("app \"" + app + "\""))
                .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> accept.apply(id))))
                .chain(accepted -> process.start(app, id,
                        new DeploymentProcess.Origin(accepted.source(), accepted.config(), null, description)))
                .map(d -> Response.accepted(Map.of("id", d.id, "app", d.app, "state", d.state, "links", links(d.id)))
                        .build());
    }

    /** Where a new deployment's state and streams are. */
    static Map<String, String> links(UUID id) {
        return Map.of("self", "/api/deployments/" + id, "events", "/api/deployments/" + id + "/events",
                "logs", "/api/deployments/" + id + "/logs");
    }
}
