package dev.slipway.workers.stage;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.StrategySelector;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.workers.plugin.PluginRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs a release's hook at a hook point with the lifecycle hook that accepts it. */
@ApplicationScoped
public class HookRunner {

    private final PluginRegistry plugins;
    private final StageEnvironment environment;

    public HookRunner(PluginRegistry plugins, StageEnvironment environment) {
        this.plugins = plugins;
        this.environment = environment;
    }

    /** Whether the app configures anything to run at {@code point}. */
    public boolean configured(String point, AppConfig config) {
        return config != null && config.hooks().containsKey(point);
    }

    public void run(String point, SlipwayEvent command, DeploymentInfo release, BuildArtifact artifact,
                    AppConfig config, StageLog log) throws StageException {
        LifecycleHook hook = StrategySelector.select("hook", plugins.hooks(), null, h -> h.accept(point, config),
                "the " + point + " hook", log).strategy();
        hook.run(point, new StageContexts.Hook(command.app(), command.deploymentId(), artifact.root(),
                environment.env(command.app(), config), log, environment.settings(hook.name()), release, artifact, config));
    }
}
