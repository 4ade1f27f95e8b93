package dev.slipway.orchestrator.config;

import dev.slipway.messaging.SecretBox;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Seals config values with {@code slipway.secrets.key}; without a key there are no config vars. */
@ApplicationScoped
public class Secrets {

    private final Optional<SecretBox> box;

    public Secrets(SlipwayConfig config) {
        this.box = config.secrets().key().filter(k -> !k.isBlank()).map(SecretBox::new);
    }

    public String seal(String value) {
        return box.orElseThrow(() -> new ApiException(Response.Status.SERVICE_UNAVAILABLE,
                "config vars need slipway.secrets.key (SLIPWAY_SECRETS_KEY) on the orchestrator and the workers"))
                .seal(value);
    }
}
