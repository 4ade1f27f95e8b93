package dev.slipway.api.event;

import java.util.UUID;

public record HookFailed(UUID deploymentId, String app, int attempt, String hook, String reason, boolean retryable)
        implements StageEvent, StageFailure {

    /** A failure that running the hook again would not mend. */
    public HookFailed(UUID deploymentId, String app, int attempt, String hook, String reason) {
        this(deploymentId, app, attempt, hook, reason, false);
    }
}
