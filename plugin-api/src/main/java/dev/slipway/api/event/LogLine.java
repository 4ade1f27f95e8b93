package dev.slipway.api.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One line of a stage's log, on {@link Topics#LOGS}. Not part of the event log's state machine. */
public record LogLine(UUID deploymentId, String app, String stage, Instant time, String text) {

    public LogLine {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(text, "text");
    }
}
