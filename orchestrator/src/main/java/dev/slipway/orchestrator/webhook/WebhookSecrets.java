package dev.slipway.orchestrator.webhook;

import dev.slipway.messaging.SecretBox;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Which secret verifies an app's webhooks: its own (set through the API, sealed at rest), else the
 * shared {@code slipway.webhooks.secret}. App secrets are sealed with a key derived from
 * {@code slipway.secrets.key} for this use alone, so they are the orchestrator's to open and do not
 * share a key with the config vars the workers open.
 */
@ApplicationScoped
public class WebhookSecrets {

    /** The secret to verify with, and whether it is the app's own (which binds the URL's app to it). */
    public record Verifier(String secret, boolean own) {
    }

    private final Optional<String> shared;
    private final Optional<SecretBox> box;

    public WebhookSecrets(SlipwayConfig config) {
        this.shared = config.webhooks().secret().filter(s -> !s.isBlank());
        this.box = config.secrets().key().filter(k -> !k.isBlank()).map(WebhookSecrets::derivedBox);
    }

    /** The verifier for {@code app}'s webhooks; empty when it has no secret and none is shared. */
    public Uni<Optional<Verifier>> of(Mutiny.Session session, String app) {
        return session.find(WebhookSecret.class, app).map(own -> {
            if (own != null && box.isPresent()) {
                return Optional.of(new Verifier(box.get().open(own.sealed), true));
            }
            return shared.map(secret -> new Verifier(secret, false));
        });
    }

    public String seal(String secret) {
        return box.orElseThrow(() -> new ApiException(Response.Status.SERVICE_UNAVAILABLE,
                "per-app webhook secrets need slipway.secrets.key (SLIPWAY_SECRETS_KEY) on the orchestrator")).seal(secret);
    }

    public boolean sharedSecretSet() {
        return shared.isPresent();
    }

    private static SecretBox derivedBox(String base64Key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key.strip()), "HmacSHA256"));
            byte[] key = mac.doFinal("slipway webhook secrets v1".getBytes(StandardCharsets.UTF_8));
            return new SecretBox(Base64.getEncoder().encodeToString(key));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("slipway.secrets.key cannot seal webhook secrets: " + e.getMessage(), e);
        }
    }
}
