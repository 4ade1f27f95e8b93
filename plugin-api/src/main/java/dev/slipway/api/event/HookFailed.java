package dev.slipway.api.event;

import java.util.UUID;

public record HookFailed(UUID deploymentId, String app, int attempt, String hook, String reason) implements StageEvent {
}
