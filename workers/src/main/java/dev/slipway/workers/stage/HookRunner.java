package dev.slipway.workers.stage;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.StageException;
import dev.slipway.api.StrategySelector;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.workers.isolation.Isolation;
import dev.slipway.workers.plugin.PluginRegistry;
import dev.slipway.workers.storage.PluginServices;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs a release's hook at a hook point with the lifecycle hook that accepts it. */
@ApplicationScoped
public class HookRunner {

    private final PluginRegistry plugins;
    private final StageEnvironment environment;
    private final Isolation isolation;
    private final PluginServices services;

    public HookRunner(PluginRegistry plugins, StageEnvironment environment, Isolation isolation, PluginServices services) {
        this.plugins = plugins;
        this.services = services;
        this.environment = environment;
        this.isolation = isolation;
    }

    /** Whether the app configures anything to run at {@code point}. */
    public boolean configured(String point, AppConfig config) {
        return config != null && config.hooks().containsKey(point);
    }

    public void run(String point, SlipwayEvent command, DeploymentInfo release, BuildArtifact artifact,
                    AppConfig config, StageLogs.MaskedLog log) throws StageException {
        LifecycleHook hook = plugins.select("hook", plugins.hooks(), null, h -> h.accept(point, config),
                "the " + point + " hook", log).strategy();
        // Hooks run beside the release: in its group, so they share its limits.
        Isolation.AppBox box = isolation.prepare(command.app(), config, Isolation.RUN, false, log.mask());
        hook.run(point, new StageContexts.Hook(command.app(), command.deploymentId(), artifact.root(),
                environment.env(command.app(), config, box), log, plugins.settings(hook),
                services.of(hook, command.deploymentId()), box.sandbox(), release, artifact, config));
    }
}
