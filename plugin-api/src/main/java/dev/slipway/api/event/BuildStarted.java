package dev.slipway.api.event;

import java.util.UUID;

/** A build worker took the build and chose {@code strategy} for {@code reason}. */
public record BuildStarted(UUID deploymentId, String app, int attempt, String strategy, String reason) implements StageEvent {
}
