package dev.slipway.api.event;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Run the subscribers of a hook point ({@code post_deploy}, {@code app_created}, …). Within a
 * deployment {@code deploymentId} is the deployment's; at an app point (outside any deployment) it
 * is the id of this one request, which its {@link HookCompleted} or {@link HookFailed} answers.
 *
 * @param release     the release it runs beside, the release to be, or {@code null} at an app point without one
 * @param changedKeys at {@code config_changed}, the names of the vars set or removed; never values
 */
public record HookRequested(UUID deploymentId, String app, int attempt, String hook, DeploymentInfo release,
                            BuildArtifact artifact, AppConfig config, List<String> changedKeys,
                            Map<String, String> pins) implements Command {

    public HookRequested {
        changedKeys = changedKeys == null ? List.of() : List.copyOf(changedKeys);
        pins = Command.pinsOf(pins);
    }

    public HookRequested(UUID deploymentId, String app, int attempt, String hook, DeploymentInfo release,
                         BuildArtifact artifact, AppConfig config, List<String> changedKeys) {
        this(deploymentId, app, attempt, hook, release, artifact, config, changedKeys, Map.of());
    }

    public HookRequested(UUID deploymentId, String app, int attempt, String hook, DeploymentInfo release,
                         BuildArtifact artifact, AppConfig config) {
        this(deploymentId, app, attempt, hook, release, artifact, config, List.of());
    }

    @Override
    public HookRequested pinned(Map<String, String> pins) {
        return new HookRequested(deploymentId, app, attempt, hook, release, artifact, config, changedKeys, pins);
    }

    @Override
    public String topic() {
        return Topics.HOOK;
    }
}
