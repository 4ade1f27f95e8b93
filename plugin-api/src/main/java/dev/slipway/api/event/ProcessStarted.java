package dev.slipway.api.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A process of a release runs: first started, started again after a crash, or found running by a
 * worker that started again. {@code port} is 0 for a process without one.
 */
public record ProcessStarted(UUID deploymentId, String app, int attempt, String process, int index, long pid,
                             int port, Instant startedAt, int restarts, String worker) implements ProcessEvent {
}
