package dev.slipway.api.event;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.config.AppConfig;
import java.util.Map;
import java.util.UUID;

/** Start the built artifact as a new release of the app. */
public record DeployRequested(UUID deploymentId, String app, int attempt, BuildArtifact artifact, AppConfig config,
                              Map<String, String> pins) implements Command {

    public DeployRequested {
        pins = Command.pinsOf(pins);
    }

    public DeployRequested(UUID deploymentId, String app, int attempt, BuildArtifact artifact, AppConfig config) {
        this(deploymentId, app, attempt, artifact, config, Map.of());
    }

    @Override
    public DeployRequested pinned(Map<String, String> pins) {
        return new DeployRequested(deploymentId, app, attempt, artifact, config, pins);
    }

    @Override
    public String topic() {
        return Topics.DEPLOY;
    }
}
