package dev.slipway.api;

import dev.slipway.api.config.AppConfig;

/** What a {@link Deployer} gets: the artifact to run and the app's configuration. */
public interface DeployContext extends StageContext {

    BuildArtifact artifact();

    AppConfig appConfig();

    /**
     * Where the deployer reports the release's processes while they run, also after {@code deploy}
     * returned; the host publishes what it hears.
     */
    default ProcessMonitor processes() {
        return ProcessMonitor.none();
    }
}
