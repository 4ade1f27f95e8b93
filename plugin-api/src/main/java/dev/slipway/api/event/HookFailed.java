package dev.slipway.api.event;

import java.util.List;
import java.util.UUID;

/** @param plugins the plugin versions of the subscribers that ran; empty in events from before they were said */
public record HookFailed(UUID deploymentId, String app, int attempt, String hook, String reason, boolean retryable,
                         List<PluginVersion> plugins) implements StageEvent, StageFailure {

    public HookFailed {
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }

    public HookFailed(UUID deploymentId, String app, int attempt, String hook, String reason, boolean retryable) {
        this(deploymentId, app, attempt, hook, reason, retryable, List.of());
    }

    /** A failure that running the hook again would not mend, with no plugin versions said. */
    public HookFailed(UUID deploymentId, String app, int attempt, String hook, String reason) {
        this(deploymentId, app, attempt, hook, reason, false, List.of());
    }
}
