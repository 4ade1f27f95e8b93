package dev.slipway.orchestrator.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long each stage may take, and how often and how soon it is issued again when no worker
 * answered in time: back-off doubles from {@code firstBackoff} up to {@code maxBackoff}.
 */
public record StagePolicy(Map<String, Duration> timeouts, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    public StagePolicy {
        timeouts = Map.copyOf(timeouts);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a stage needs at least one attempt, got " + maxAttempts);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    public Duration timeout(String stage) {
        Duration timeout = timeouts.get(stage);
        if (timeout == null) {
            throw new IllegalArgumentException("no timeout for stage " + stage);
        }
        return timeout;
    }

    /** The wait before issuing attempt {@code failedAttempt + 1}. */
    public Duration backoff(int failedAttempt) {
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(20, failedAttempt - 1));
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
