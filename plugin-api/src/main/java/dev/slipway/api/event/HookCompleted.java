package dev.slipway.api.event;

import java.util.UUID;

public record HookCompleted(UUID deploymentId, String app, int attempt, String hook) implements StageEvent {
}
