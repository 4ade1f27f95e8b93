package dev.slipway.orchestrator.deployment.intake;

import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.deployment.pipeline.DeploymentProcess;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/** Starts deployments from what users send: an uploaded archive or a git source (also from webhooks). */
@ApplicationScoped
public class DeploymentRequests {

    private final Mutiny.SessionFactory sessions;
    private final SourceIntake intake;
    private final GitSource git;
    private final DeploymentProcess process;
    private final Vertx vertx;

    public DeploymentRequests(Mutiny.SessionFactory sessions, SourceIntake intake, GitSource git,
                              DeploymentProcess process, Vertx vertx) {
        this.sessions = sessions;
        this.intake = intake;
        this.git = git;
        this.process = process;
        this.vertx = vertx;
    }

    public Uni<Deployment> fromUpload(String app, Path upload) {
        return start(app, id -> intake.accept(upload, id), "upload");
    }

    public Uni<Deployment> fromGit(String app, GitSource.Request source) {
        return start(app, id -> {
            Path archive = git.fetch(source);
            try {
                return intake.accept(archive, id);
            } finally {
                archive.toFile().delete();
            }
        }, GitSource.describe(source));
    }

    /** Checks the app, then the source off the event loop, then starts the pipeline. */
    private Uni<Deployment> start(String app, Function<UUID, SourceIntake.Accepted> accept, String description) {
        UUID id = UUID.randomUUID();
        // The app is checked before the source: no clone or unpacking for an app that does not exist.
        return sessions.withSession(session -> App.existing(session, app))
                .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> accept.apply(id))))
                .chain(accepted -> process.start(app, id,
                        new DeploymentProcess.Origin(accepted.source(), accepted.config(), null, description))
                        // Refused when recorded (a config var app.json requires is missing): nothing refers to the copy.
                        .onFailure().invoke(() -> accepted.source().toFile().delete()));
    }
}
