package dev.slipway.api.event;

import java.util.UUID;

/** @param plugin the plugin version the strategy came from; {@code null} in events from before it was said */
public record ProxyStarted(UUID deploymentId, String app, int attempt, String strategy, String reason,
                           PluginVersion plugin) implements StageEvent {

    public ProxyStarted(UUID deploymentId, String app, int attempt, String strategy, String reason) {
        this(deploymentId, app, attempt, strategy, reason, null);
    }
}
