package dev.slipway.api.event;

import java.util.UUID;

/**
 * The deployment waits for the app's earlier ones: at most one deployment of an app is in flight.
 * {@code position} is its place in the app's queue when it was queued (1: next to run).
 */
public record DeploymentQueued(UUID deploymentId, String app, int attempt, int position) implements DeploymentEvent {

    public DeploymentQueued {
        if (position < 1) {
            throw new IllegalArgumentException("a queue position starts at 1, got " + position);
        }
    }
}
