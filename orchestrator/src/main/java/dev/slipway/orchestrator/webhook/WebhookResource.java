package dev.slipway.orchestrator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.config.Names;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.deployment.intake.DeploymentRequestResource;
import dev.slipway.orchestrator.deployment.intake.DeploymentRequests;
import dev.slipway.orchestrator.deployment.intake.GitSource;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
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
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Push webhooks: {@code POST /hooks/{github|gitlab|gitea}?app=NAME[&branch=BRANCH]}. Authenticated
 * by the host's signature over the body with the app's own secret, else {@code
 * slipway.webhooks.secret}, not by the API token; {@link PushPolicy} decides what a push deploys.
 * Blocking, to read the body as a stream under {@link WebhookBody}'s limit; the rest runs on the
 * request's event loop, where Hibernate Reactive must run.
 */
@Path("/hooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private static final int MAX_DELIVERY_ID = 100;

    private final long maxBytes;
    private final Mutiny.SessionFactory sessions;
    private final WebhookSecrets secrets;
    private final WebhookDeliveries deliveries;
    private final DeploymentRequests requests;
    private final Vertx vertx;

    public WebhookResource(SlipwayConfig config, Mutiny.SessionFactory sessions, WebhookSecrets secrets,
                           WebhookDeliveries deliveries, DeploymentRequests requests, Vertx vertx) {
        this.maxBytes = config.webhooks().maxBytes();
        this.sessions = sessions;
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.requests = requests;
        this.vertx = vertx;
    }

    @POST
    @Path("/{host}")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    public Uni<Response> receive(@PathParam("host") String hostName, @QueryParam("app") String app,
                                 @QueryParam("branch") String branch, @Context HttpHeaders headers, InputStream in) {
        GitHost host = GitHost.named(hostName).orElseThrow(() -> Refused.notFound(
                "webhook for \"" + Names.printable(hostName) + "\"; known: github, gitlab, gitea"));
        String problem = Names.appNameProblem(app);
        if (problem != null) {
            throw Refused.invalid("the webhook URL needs ?app=NAME: " + problem);
        }
        byte[] body = WebhookBody.read(in, maxBytes);
        Map<String, String> copied = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.getRequestHeaders().forEach((name, values) -> copied.put(name, values.isEmpty() ? null : values.get(0)));
        io.vertx.core.Context loop = VertxContext.getOrCreateDuplicatedContext(vertx);
        return Uni.createFrom().voidItem().emitOn(task -> loop.runOnContext(ignored -> task.run()))
                .chain(() -> sessions.withSession(session -> secrets.of(session, app)))
                .chain(verifier -> handle(host, app, branch, copied::get, body, verifier));
    }

    private Uni<Response> handle(GitHost host, String app, String branch, UnaryOperator<String> headers, byte[] body,
                                 Optional<WebhookSecrets.Verifier> verifier) {
        if (verifier.isEmpty()) {
            throw Refused.notFound("webhooks for app \"" + app + "\" (set its secret with PUT /api/apps/" + app
                    + "/webhook, or slipway.webhooks.secret for all apps)");
        }
        if (!host.verify(headers, body, verifier.get().secret())) {
            throw new Refused(Refused.Kind.UNAUTHENTICATED, host.name().toLowerCase() + " webhook signature does not"
                    + " match " + (verifier.get().own() ? "app \"" + app + "\"'s webhook secret" : "slipway.webhooks.secret"));
        }
        String event = host.event(headers);
        if (!host.isPush(event)) {
            return answer(PushPolicy.Outcome.ignore("event \"" + Names.printable(event) + "\" is not a push"));
        }
        Optional<PushEvent> push = push(host, body);
        if (push.isEmpty()) {
            return answer(PushPolicy.Outcome.ignore("the push moved a tag, not a branch"));
        }
        PushPolicy.Outcome outcome = PushPolicy.decide(app, branch, verifier.get().own(), push.get());
        if (!outcome.deploys()) {
            return answer(outcome);
        }
        GitSource.Request source = new GitSource.Request(push.get().cloneUrl(), outcome.branch());
        String delivery = host.delivery(headers);
        if (delivery == null) {
            return deploy(app, source);
        }
        if (delivery.length() > MAX_DELIVERY_ID || delivery.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw Refused.invalid(host.deliveryHeader() + " is not a delivery id");
        }
        return deliveries.record(host, delivery, app).chain(fresh -> !fresh
                ? answer(PushPolicy.Outcome.ignore("delivery " + delivery + " was received before"))
                : deploy(app, source).onFailure().call(() -> deliveries.forget(host, delivery)));
    }

    private Uni<Response> deploy(String app, GitSource.Request source) {
        return requests.fromGit(app, source).map(DeploymentRequestResource::accepted);
    }

    private static Optional<PushEvent> push(GitHost host, byte[] body) {
        try {
            JsonNode payload = EventCodec.mapper().readTree(body);
            return host.push(payload == null ? EventCodec.mapper().createObjectNode() : payload);
        } catch (IOException | IllegalArgumentException e) {
            throw Refused.invalid("the push payload is not what " + host.name().toLowerCase() + " sends: "
                    + e.getMessage());
        }
    }

    private static Uni<Response> answer(PushPolicy.Outcome outcome) {
        if (outcome.refusal() != null) {
            throw new Refused(outcome.refusal(), outcome.message());
        }
        return Uni.createFrom().item(Response.ok(Map.of("message", outcome.message())).build());
    }
}
