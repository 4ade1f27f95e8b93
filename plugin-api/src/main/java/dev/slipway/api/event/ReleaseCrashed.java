package dev.slipway.api.event;

import java.util.UUID;

/** A release gave up: one of its processes crashed too often and is not started again. */
public record ReleaseCrashed(UUID deploymentId, String app, int attempt, String reason) implements ProcessEvent {
}
