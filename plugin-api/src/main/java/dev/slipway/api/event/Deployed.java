package dev.slipway.api.event;

import dev.slipway.api.DeploymentInfo;
import java.util.UUID;

/** The release is running and passed its health check. */
public record Deployed(UUID deploymentId, String app, int attempt, DeploymentInfo release) implements StageEvent {
}
