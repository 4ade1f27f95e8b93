package dev.slipway.api.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of a stage's log, on {@link Topics#LOGS}. Not part of the event log's state machine.
 * Stage {@code run} is a release's runtime log: with {@code process} ({@code web.1}) a line the
 * process printed, without it what the host said about the release's processes.
 */
public record LogLine(UUID deploymentId, String app, String stage, Instant time, String text, String process) {

    public static final String RUN = "run";
    /**
     * The longest text a line keeps; the rest is cut, marked with an ellipsis: a line of megabytes
     * would not fit in a Kafka record, nor is it worth keeping.
     */
    public static final int MAX_TEXT = 8192;

    public LogLine(UUID deploymentId, String app, String stage, Instant time, String text) {
        this(deploymentId, app, stage, time, text, null);
    }

    public LogLine {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(text, "text");
        text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
