package dev.slipway.api.event;

import dev.slipway.api.config.AppConfig;
import java.nio.file.Path;
import java.util.UUID;

/** Build the source archive at {@code source} (a validated .tar.gz). */
public record BuildRequested(UUID deploymentId, String app, int attempt, Path source, AppConfig config) implements Command {

    @Override
    public String topic() {
        return Topics.BUILD;
    }
}
