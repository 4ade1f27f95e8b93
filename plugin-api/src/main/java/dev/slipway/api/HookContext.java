package dev.slipway.api;

import dev.slipway.api.config.AppConfig;

/** What a {@link LifecycleHook} gets: the release it runs beside, what it was built from, its config. */
public interface HookContext extends StageContext {

    DeploymentInfo release();

    BuildArtifact artifact();

    AppConfig appConfig();
}
