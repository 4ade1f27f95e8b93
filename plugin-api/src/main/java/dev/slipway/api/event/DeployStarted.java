package dev.slipway.api.event;

import java.util.UUID;

/** A deploy worker took the release and chose {@code strategy} for {@code reason}. */
public record DeployStarted(UUID deploymentId, String app, int attempt, String strategy, String reason) implements StageEvent {
}
