package dev.slipway.orchestrator.deployment.intake;

import dev.slipway.orchestrator.deployment.Deployment;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

@Path("/api/apps/{app}/deployments")
public class DeploymentRequestResource {

    private final DeploymentRequests requests;

    public DeploymentRequestResource(DeploymentRequests requests) {
        this.requests = requests;
    }

    /** Deploys a {@code .tar.gz} of the app's source tree. */
    @POST
    @Consumes({"application/gzip", "application/x-gzip", "application/x-tar+gzip", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> deploy(@PathParam("app") String app, java.nio.file.Path upload) {
        return requests.fromUpload(app, upload).map(DeploymentRequestResource::accepted);
    }

    /** Deploys a branch or tag of a git repository: {@code {"git": URL, "ref": REF}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> deployFromGit(@PathParam("app") String app, GitSource.Request source) {
        return requests.fromGit(app, source).map(DeploymentRequestResource::accepted);
    }

    /** 202 with where the new deployment's state and streams are. */
    public static Response accepted(Deployment d) {
        return Response.accepted(Map.of("id", d.id, "app", d.app, "state", d.state, "links", links(d.id))).build();
    }

    /** Where a new deployment's state and streams are. */
    private static Map<String, String> links(UUID id) {
        return Map.of("self", "/api/deployments/" + id, "events", "/api/deployments/" + id + "/events",
                "logs", "/api/deployments/" + id + "/logs");
    }
}
