package dev.slipway.api.event;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.config.AppConfig;
import java.util.UUID;

/** Start the built artifact as a new release of the app. */
public record DeployRequested(UUID deploymentId, String app, int attempt, BuildArtifact artifact, AppConfig config) implements Command {

    @Override
    public String topic() {
        return Topics.DEPLOY;
    }
}
