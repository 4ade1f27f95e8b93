package dev.slipway.api.event;

import java.util.UUID;

/** The queued deployment's turn came: {@code after}, the app's deployment before it, has ended. */
public record DeploymentDequeued(UUID deploymentId, String app, int attempt, UUID after) implements DeploymentEvent {
}
