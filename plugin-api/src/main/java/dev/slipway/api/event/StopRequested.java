package dev.slipway.api.event;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import java.util.Map;
import java.util.UUID;

/**
 * Stop a release: a replaced one after a deployment succeeded, or a new one that failed later.
 * {@code artifact} and {@code config} are what the release was built from: its {@code pre_stop}
 * hook runs first.
 */
public record StopRequested(UUID deploymentId, String app, int attempt, DeploymentInfo release, String reason,
                            BuildArtifact artifact, AppConfig config, Map<String, String> pins) implements Command {

    public StopRequested {
        pins = Command.pinsOf(pins);
    }

    public StopRequested(UUID deploymentId, String app, int attempt, DeploymentInfo release, String reason,
                         BuildArtifact artifact, AppConfig config) {
        this(deploymentId, app, attempt, release, reason, artifact, config, Map.of());
    }

    @Override
    public StopRequested pinned(Map<String, String> pins) {
        return new StopRequested(deploymentId, app, attempt, release, reason, artifact, config, pins);
    }

    @Override
    public String topic() {
        return Topics.DEPLOY;
    }
}
