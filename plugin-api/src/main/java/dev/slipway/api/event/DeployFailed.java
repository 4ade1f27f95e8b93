package dev.slipway.api.event;

import java.util.UUID;

/** The release did not start or never became healthy; nothing of it is left running. */
public record DeployFailed(UUID deploymentId, String app, int attempt, String reason) implements StageEvent {
}
