package dev.slipway.api.event;

import java.util.UUID;

public record Stopped(UUID deploymentId, String app, int attempt, String releaseId) implements StageEvent {
}
