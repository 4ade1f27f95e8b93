package dev.slipway.api.event;

import java.util.UUID;

/** The release did not start or never became healthy; nothing of it is left running. */
public record DeployFailed(UUID deploymentId, String app, int attempt, String reason, boolean retryable)
        implements StageEvent, StageFailure {

    /** A failure that issuing the deployment again would not mend. */
    public DeployFailed(UUID deploymentId, String app, int attempt, String reason) {
        this(deploymentId, app, attempt, reason, false);
    }
}
