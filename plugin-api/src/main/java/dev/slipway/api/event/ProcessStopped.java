package dev.slipway.api.event;

import java.util.UUID;

/** A process of a release was stopped on purpose. */
public record ProcessStopped(UUID deploymentId, String app, int attempt, String process, int index)
        implements ProcessEvent {
}
