package dev.slipway.api.event;

import dev.slipway.api.config.AppConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** Build the source archive at {@code source} (a validated .tar.gz). */
public record BuildRequested(UUID deploymentId, String app, int attempt, Path source, AppConfig config,
                             Map<String, String> pins) implements Command {

    public BuildRequested {
        pins = Command.pinsOf(pins);
    }

    public BuildRequested(UUID deploymentId, String app, int attempt, Path source, AppConfig config) {
        this(deploymentId, app, attempt, source, config, Map.of());
    }

    @Override
    public BuildRequested pinned(Map<String, String> pins) {
        return new BuildRequested(deploymentId, app, attempt, source, config, pins);
    }

    @Override
    public String topic() {
        return Topics.BUILD;
    }
}
