package dev.slipway.api.event;

import java.util.UUID;

/**
 * The deployment was cancelled in state {@code state} (by a user, or superseded by a newer
 * request); what it had started is being stopped and the previous release, if any, still serves. Terminal.
 */
public record DeploymentCancelled(UUID deploymentId, String app, int attempt, String state, String reason)
        implements DeploymentEvent {
}
