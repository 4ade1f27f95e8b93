package dev.slipway.orchestrator.config;

import dev.slipway.messaging.secrets.KeyFile;
import dev.slipway.messaging.secrets.SecretBox;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.Refused;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Seals config values with the key ring of {@code slipway.secrets.key-file}; without one there are
 * no config vars. Read at start, so that a missing or wrong key file stops the orchestrator there
 * rather than at the first config var. The file is looked at (one {@code stat}) at each use, which
 * is what lets a rotation take effect without a restart.
 */
@Startup
@ApplicationScoped
public class Secrets {

    private final Optional<KeyFile> keys;

    public Secrets(SlipwayConfig config) {
        this.keys = config.secrets().keyFile().map(KeyFile::new);
    }

    public String seal(String app, String key, String value) {
        return box().seal(new SecretBox.Owner(app, key), value);
    }

    /** The box of the key file as it is now. */
    public SecretBox box() {
        return keys.orElseThrow(() -> new Refused(Refused.Kind.UNAVAILABLE, "config vars need slipway.secrets.key-file (SLIPWAY_SECRETS_KEY_FILE) on the orchestrator and the workers"))
                .box();
    }
}
