package dev.slipway.orchestrator.webhook;

import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.app.App;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/** An app's own webhook secret: set or removed, never shown back. */
@Path("/api/apps/{app}/webhook")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {

    /** Body of {@code PUT /api/apps/{app}/webhook}. */
    public record SecretRequest(String secret) {
    }

    private static final int MIN_LENGTH = 16;
    private static final int MAX_LENGTH = 256;

    private final Mutiny.SessionFactory sessions;
    private final WebhookSecrets secrets;
    private final Clock clock;

    public WebhookSecretResource(Mutiny.SessionFactory sessions, WebhookSecrets secrets, Clock clock) {
        this.sessions = sessions;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Which secret verifies the app's webhooks, without the secret itself. */
    @GET
    public Uni<Map<String, String>> get(@PathParam("app") String app) {
        return sessions.withSession(session -> App.existing(session, app)
                .chain(found -> session.find(WebhookSecret.class, app))
                .map(own -> Map.of("app", app, "secret", own != null ? "app" : secrets.sharedSecretSet() ? "shared" : "none",
                        "url", "/hooks/{github|gitlab|gitea}?app=" + app)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, String>> set(@PathParam("app") String app, SecretRequest body) {
        String secret = body == null ? null : body.secret();
        if (secret == null || secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH
                || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw Refused.invalid("a webhook secret is {\"secret\": \"...\"}: " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " printable ASCII characters without spaces");
        }
        String sealed = secrets.seal(app, secret);
        return sessions.withTransaction(session -> App.existing(session, app)
                        .chain(found -> session.find(WebhookSecret.class, app))
                        .chain(existing -> {
                            WebhookSecret row = existing == null ? new WebhookSecret() : existing;
                            row.app = app;
                            row.sealed = sealed;
                            row.updatedAt = clock.instant();
                            return existing == null ? session.persist(row) : Uni.createFrom().voidItem();
                        }))
                .replaceWith(Map.of("app", app, "message", "webhook secret set; it alone verifies " + app + "'s webhooks now"));
    }

    @DELETE
    public Uni<Map<String, String>> remove(@PathParam("app") String app) {
        return sessions.withTransaction(session -> App.existing(session, app)
                        .chain(found -> session.find(WebhookSecret.class, app))
                        .chain(existing -> existing == null ? Uni.createFrom().voidItem() : session.remove(existing)))
                .replaceWith(Map.of("app", app, "message", "webhook secret removed; "
                        + (secrets.sharedSecretSet() ? "slipway.webhooks.secret verifies its webhooks" : "its webhooks are off")));
    }
}
