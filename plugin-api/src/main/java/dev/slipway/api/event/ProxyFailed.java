package dev.slipway.api.event;

import java.util.UUID;

/** The proxy could not be configured; it still routes to the previous release. */
public record ProxyFailed(UUID deploymentId, String app, int attempt, String reason) implements StageEvent {
}
