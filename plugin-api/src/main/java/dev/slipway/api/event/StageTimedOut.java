package dev.slipway.api.event;

import java.util.UUID;

/** No worker answered attempt {@code attempt} of {@code stage} before its deadline. */
public record StageTimedOut(UUID deploymentId, String app, int attempt, String stage) implements DeploymentEvent {
}
