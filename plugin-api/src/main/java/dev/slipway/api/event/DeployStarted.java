package dev.slipway.api.event;

import java.util.UUID;

/**
 * A deploy worker took the release and chose {@code strategy} for {@code reason}.
 *
 * @param plugin the plugin version the strategy came from; {@code null} in events from before it was said
 */
public record DeployStarted(UUID deploymentId, String app, int attempt, String strategy, String reason,
                            PluginVersion plugin) implements StageEvent {

    public DeployStarted(UUID deploymentId, String app, int attempt, String strategy, String reason) {
        this(deploymentId, app, attempt, strategy, reason, null);
    }
}
