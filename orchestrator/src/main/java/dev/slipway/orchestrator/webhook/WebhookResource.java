package dev.slipway.orchestrator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.config.Names;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.api.ApiException;
import dev.slipway.orchestrator.deployment.DeploymentRequestResource;
import dev.slipway.orchestrator.deployment.DeploymentRequests;
import dev.slipway.orchestrator.deployment.GitSource;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Push webhooks: {@code POST /hooks/{github|gitlab|gitea}?app=NAME[&branch=BRANCH]}. Authenticated
 * by the host's signature over the body with {@code slipway.webhooks.secret}, not by the API token.
 * A push to the branch (default: the repository's default branch) deploys it from git.
 */
@Path("/hooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final Optional<String> secret;
    private final DeploymentRequests requests;

    public WebhookResource(SlipwayConfig config, DeploymentRequests requests) {
        this.secret = config.webhooks().secret().filter(s -> !s.isBlank());
        this.requests = requests;
    }

    @POST
    @Path("/{host}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receive(@PathParam("host") String hostName, @QueryParam("app") String app,
                                 @QueryParam("branch") String branch, @Context HttpHeaders headers, byte[] body) {
        if (secret.isEmpty()) {
            throw ApiException.notFound("webhooks (set slipway.webhooks.secret to turn them on)");
        }
        GitHost host = GitHost.named(hostName).orElseThrow(() -> ApiException.notFound(
                "webhook for \"" + Names.printable(hostName) + "\"; known: github, gitlab, gitea"));
        if (!host.verify(headers::getHeaderString, body, secret.get())) {
            throw new ApiException(Response.Status.UNAUTHORIZED, host.name().toLowerCase()
                    + " webhook signature does not match slipway.webhooks.secret");
        }
        String event = host.event(headers::getHeaderString);
        if (!host.isPush(event)) {
            return ignored("event \"" + event + "\" is not a push");
        }
        String problem = Names.appNameProblem(app);
        if (problem != null) {
            throw ApiException.badRequest("the webhook URL needs ?app=NAME: " + problem);
        }
        Optional<PushEvent> push = push(host, body);
        if (push.isEmpty()) {
            return ignored("the push moved a tag, not a branch");
        }
        String wanted = branch == null ? push.get().defaultBranch() : branch;
        if (push.get().deleted() || !push.get().branch().equals(wanted)) {
            return ignored("the push " + (push.get().deleted() ? "deleted " : "went to ") + push.get().branch()
                    + "; " + app + " deploys " + wanted);
        }
        return requests.fromGit(app, new GitSource.Request(push.get().cloneUrl(), push.get().branch()))
                .map(DeploymentRequestResource::accepted);
    }

    private static Optional<PushEvent> push(GitHost host, byte[] body) {
        try {
            JsonNode payload = EventCodec.mapper().readTree(body);
            return host.push(payload == null ? EventCodec.mapper().createObjectNode() : payload);
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("the push payload is not what " + host.name().toLowerCase() + " sends: "
                    + e.getMessage());
        }
    }

    private static Uni<Response> ignored(String why) {
        return Uni.createFrom().item(Response.ok(Map.of("message", "nothing to deploy: " + why)).build());
    }
}
