package dev.slipway.api.event;

import java.util.UUID;

public record BuildFailed(UUID deploymentId, String app, int attempt, String reason, boolean retryable)
        implements StageEvent, StageFailure {

    /** A failure that issuing the build again would not mend. */
    public BuildFailed(UUID deploymentId, String app, int attempt, String reason) {
        this(deploymentId, app, attempt, reason, false);
    }
}
