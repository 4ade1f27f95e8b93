package dev.slipway.orchestrator.workflow;

import dev.slipway.api.config.AppConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long each stage may take, and how often and how soon it is issued again when no worker
 * answered in time or its failure was retryable: back-off doubles from {@code firstBackoff} up to
 * {@code maxBackoff}. The server's policy ({@code slipway.stages.*}); an app's {@code [retry]}
 * overrides the attempts and the first back-off ({@link #forApp}).
 */
public record StagePolicy(Map<Stage, Duration> timeouts, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    public StagePolicy {
        timeouts = Map.copyOf(timeouts);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a stage needs at least one attempt, got " + maxAttempts);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    public Duration timeout(Stage stage) {
        Duration timeout = timeouts.get(stage);
        if (timeout == null) {
            throw new IllegalArgumentException("no timeout for stage " + stage);
        }
        return timeout;
    }

    /** This policy with what an app's {@code [retry]} sets instead. */
    public StagePolicy forApp(AppConfig.Retry retry) {
        return new StagePolicy(timeouts, retry.attempts() == null ? maxAttempts : retry.attempts(),
                retry.backoff() == null ? firstBackoff : retry.backoff(),
                retry.backoff() == null || retry.backoff().compareTo(maxBackoff) <= 0 ? maxBackoff : retry.backoff());
    }

    /** The wait before issuing attempt {@code failedAttempt + 1}. */
    public Duration backoff(int failedAttempt) {
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(20, failedAttempt - 1));
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
