package dev.slipway.api.event;

import java.util.List;
import java.util.UUID;

/** @param plugins the plugin versions of the subscribers that ran; empty in events from before they were said */
public record HookCompleted(UUID deploymentId, String app, int attempt, String hook, List<PluginVersion> plugins)
        implements StageEvent {

    public HookCompleted {
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }

    public HookCompleted(UUID deploymentId, String app, int attempt, String hook) {
        this(deploymentId, app, attempt, hook, List.of());
    }
}
