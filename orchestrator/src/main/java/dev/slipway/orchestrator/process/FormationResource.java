package dev.slipway.orchestrator.process;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.config.Names;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.deployment.intake.DeploymentRequestResource;
import dev.slipway.orchestrator.deployment.pipeline.DeploymentProcess;
import dev.slipway.orchestrator.deployment.pipeline.Rebase;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * An app's formation: how many processes of each type its release runs. Changing it makes a new
 * release from the current artifact (no build) with the new formation, started beside the serving
 * one and switched to once it is healthy, as every release is: no downtime, and a rollback to an
 * earlier release brings its formation back.
 */
@Path("/api/apps/{app}/formation")
@Produces(MediaType.APPLICATION_JSON)
public class FormationResource {

    private final Mutiny.SessionFactory sessions;
    private final DeploymentProcess process;

    public FormationResource(Mutiny.SessionFactory sessions, DeploymentProcess process) {
        this.sessions = sessions;
        this.process = process;
    }

    /** Every process type of the serving release with its count. */
    @GET
    public Uni<Map<String, Integer>> get(@PathParam("app") String app) {
        return sessions.withSession(session -> serving(session, app)).map(current -> Formations.of(current, Map.of()));
    }

    /** {@code {"web": 3, "worker": 2}}: those types to those counts, the others as they are. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> scale(@PathParam("app") String app, Map<String, Integer> body) {
        if (body == null || body.isEmpty()) {
            throw Refused.invalid("send the counts to set as {\"web\": 2, \"worker\": 1}");
        }
        return sessions.withSession(session -> serving(session, app)).chain(current -> {
            BuildArtifact artifact = current.artifact();
            body.forEach((type, count) -> check(app, artifact, type, count));
            Map<String, Integer> formation = Formations.of(current, body);
            AppConfig config = current.config()
                    .withFormation(formation);
            String description = "scale " + String.join(" ", new TreeMap<>(body).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
            // If the app's deployments are queued, the build and formation served on its turn are scaled.
            return process.start(app, UUID.randomUUID(), new DeploymentProcess.Origin(
                    java.nio.file.Path.of(current.source), config, artifact, description, Rebase.ofServing(body)));
        }).map(DeploymentRequestResource::accepted);
    }

    private static Uni<Deployment> serving(Mutiny.Session session, String app) {
        return App.existing(session, app).chain(found -> {
            if (found.currentDeployment == null) {
                throw Refused.conflict("app \"" + app + "\" runs no release yet; deploy it"
                        + " first: slip deploy " + app + " DIR");
            }
            return session.find(Deployment.class, found.currentDeployment);
        });
    }


    private static void check(String app, BuildArtifact artifact, String type, Integer count) {
        if (artifact == null || !BuildArtifact.PROCESS.equals(artifact.kind())) {
            throw Refused.conflict("app \"" + app + "\" serves static files: it has no"
                    + " processes to scale");
        }
        if (!artifact.processes().containsKey(type) || type.equals("release")) {
            throw Refused.invalid("app \"" + app + "\" has no process type " + Names.printable(type)
                    + "; its types: " + String.join(", ", new TreeMap<>(artifact.processes()).keySet().stream()
                    .filter(t -> !t.equals("release")).toList()));
        }
        if (count == null || count < 0 || count > AppConfig.MAX_PROCESSES_PER_TYPE) {
            throw Refused.invalid(type + "=" + count + ": a count is a whole number from 0 to "
                    + AppConfig.MAX_PROCESSES_PER_TYPE);
        }
        if (type.equals("web") && count == 0) {
            throw Refused.invalid("web=0 would leave the app serving nothing; scale web to 1 or more");
        }
    }
}
