package dev.slipway.orchestrator.deployment.release;

import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.deployment.intake.DeploymentRequestResource;
import dev.slipway.orchestrator.deployment.pipeline.DeploymentProcess;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Going back to an earlier release without building again. */
@Path("/api/apps/{app}/rollback")
@Produces(MediaType.APPLICATION_JSON)
public class RollbackResource {

    /** Body of {@code POST /api/apps/{app}/rollback}; no release = the one before the current. */
    public record RollbackRequest(Integer release) {
    }

    private final Mutiny.SessionFactory sessions;
    private final DeploymentProcess process;
    private final int kept;

    public RollbackResource(Mutiny.SessionFactory sessions, DeploymentProcess process, SlipwayConfig config) {
        this.sessions = sessions;
        this.process = process;
        this.kept = config.retention().releases();
    }

    /** A new deployment that runs an earlier release's artifact again: no build, its configuration and config vars. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> rollback(@PathParam("app") String name, RollbackRequest body) {
        Integer wanted = body == null ? null : body.release();
        UUID id = UUID.randomUUID();
        return sessions.withSession(session -> App.existing(session, name).chain(app -> Releases.newestFirst(session, name).chain(releases -> {
                    Release current = releases.stream().filter(r -> r.deploymentId.equals(app.currentDeployment))
                            .findFirst().orElse(null);
                    Release target = target(name, releases, current, wanted);
                    if (releases.indexOf(target) >= kept) {
                        throw Refused.conflict("release " + target.version + " of app \"" + name
                                + "\" is older than the " + kept + " whose files are kept (slipway.retention.releases)");
                    }
                    return session.find(Deployment.class, target.deploymentId).map(d -> DeploymentProcess.Origin.rollback(
                            java.nio.file.Path.of(d.source), d.config(), d.artifact(),
                            "rollback to release " + target.version));
                })))
                .chain(origin -> process.start(name, id, origin))
                .map(DeploymentRequestResource::accepted);
    }

    private static Release target(String app, List<Release> releases, Release current, Integer wanted) {
        if (wanted != null) {
            Release target = releases.stream().filter(r -> r.version == wanted).findFirst()
                    .orElseThrow(() -> Refused.notFound("release " + wanted + " of app \"" + app + "\""));
            if (target == current) {
                throw Refused.conflict("release " + wanted + " of app \"" + app
                        + "\" is the one serving now");
            }
            return target;
        }
        int below = current == null ? Integer.MAX_VALUE : current.version;
        return releases.stream().filter(r -> r.version < below).findFirst()
                .orElseThrow(() -> Refused.conflict("app \"" + app + "\" has no release before the current one to roll back to"));
    }
}
