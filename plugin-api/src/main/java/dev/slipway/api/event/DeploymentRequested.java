package dev.slipway.api.event;

import java.util.UUID;

/** Someone asked for a deployment; {@code source} says from what (an upload, a git ref, …). */
public record DeploymentRequested(UUID deploymentId, String app, int attempt, String source) implements DeploymentEvent {
}
