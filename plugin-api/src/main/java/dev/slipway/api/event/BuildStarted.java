package dev.slipway.api.event;

import java.util.UUID;

/**
 * A build worker took the build and chose {@code strategy} for {@code reason}.
 *
 * @param plugin the plugin version the strategy came from; {@code null} in events from before it was said
 */
public record BuildStarted(UUID deploymentId, String app, int attempt, String strategy, String reason,
                           PluginVersion plugin) implements StageEvent {

    public BuildStarted(UUID deploymentId, String app, int attempt, String strategy, String reason) {
        this(deploymentId, app, attempt, strategy, reason, null);
    }
}
