package dev.slipway.api.event;

import dev.slipway.api.DeploymentInfo;
import java.util.UUID;

/** Stop a release: a replaced one after a deployment succeeded, or a new one that failed later. */
public record StopRequested(UUID deploymentId, String app, int attempt, DeploymentInfo release, String reason) implements Command {

    @Override
    public String topic() {
        return Topics.DEPLOY;
    }
}
