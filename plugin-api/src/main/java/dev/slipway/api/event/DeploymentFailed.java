package dev.slipway.api.event;

import java.util.UUID;

/** The deployment failed in {@code stage}; the previous release, if any, still serves. Terminal. */
public record DeploymentFailed(UUID deploymentId, String app, int attempt, String stage, String reason) implements DeploymentEvent {
}
