package dev.slipway.api.event;

import java.util.UUID;

public record ProxyStarted(UUID deploymentId, String app, int attempt, String strategy, String reason) implements StageEvent {
}
