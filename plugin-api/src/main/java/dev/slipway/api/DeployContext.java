package dev.slipway.api;

import dev.slipway.api.config.AppConfig;

/** What a {@link Deployer} gets: the artifact to run and the app's configuration. */
public interface DeployContext extends StageContext {

    BuildArtifact artifact();

    AppConfig appConfig();
}
