package dev.slipway.api.event;

import java.util.UUID;

/** The proxy could not be configured; it still routes to the previous release. */
public record ProxyFailed(UUID deploymentId, String app, int attempt, String reason, boolean retryable)
        implements StageEvent, StageFailure {

    /** A failure that configuring the proxy again would not mend. */
    public ProxyFailed(UUID deploymentId, String app, int attempt, String reason) {
        this(deploymentId, app, attempt, reason, false);
    }
}
