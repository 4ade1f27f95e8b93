package dev.slipway.api.event;

import java.util.UUID;

public record BuildFailed(UUID deploymentId, String app, int attempt, String reason) implements StageEvent {
}
