package dev.slipway.api.event;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import java.util.UUID;

/** Run a lifecycle hook ({@code post_deploy}, {@code pre_stop}, …) beside a release. */
public record HookRequested(UUID deploymentId, String app, int attempt, String hook, DeploymentInfo release,
                            BuildArtifact artifact, AppConfig config) implements Command {

    @Override
    public String topic() {
        return Topics.HOOK;
    }
}
