package dev.slipway.orchestrator.webhook;

import dev.slipway.messaging.secrets.SecretBox;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.config.Secrets;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Which secret verifies an app's webhooks: its own (set through the API, sealed at rest with the
 * config vars' key ring, so a rotation re-seals it too), else the shared {@code slipway.webhooks.secret}.
 */
@ApplicationScoped
public class WebhookSecrets {

    /**
     * Whose sealed value a webhook secret is: the app's, under a name no config var can have, so
     * neither can be passed off as the other.
     */
    public static SecretBox.Owner owner(String app) {
        return new SecretBox.Owner(app, "@webhook-secret");
    }

    /** The secret to verify with, and whether it is the app's own (which binds the URL's app to it). */
    public record Verifier(String secret, boolean own) {
    }

    private final Optional<String> shared;
    private final Secrets secrets;

    public WebhookSecrets(SlipwayConfig config, Secrets secrets) {
        this.shared = config.webhooks().secret().filter(s -> !s.isBlank());
        this.secrets = secrets;
    }

    /** The verifier for {@code app}'s webhooks; empty when it has no secret and none is shared. */
    public Uni<Optional<Verifier>> of(Mutiny.Session session, String app) {
        return session.find(WebhookSecret.class, app).map(own -> {
            if (own != null) {
                return Optional.of(new Verifier(secrets.box().open(owner(app), own.sealed), true));
            }
            return shared.map(secret -> new Verifier(secret, false));
        });
    }

    public String seal(String app, String secret) {
        return secrets.box().seal(owner(app), secret);
    }

    public boolean sharedSecretSet() {
        return shared.isPresent();
    }
}
