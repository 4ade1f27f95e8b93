package dev.slipway.workers.testkit;

import dev.slipway.api.LifecycleHook;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.testkit.HookContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link HookContract} and the {@link ExecutableContract} for a hook that is an executable
 * plugin: its test names the program and a point it subscribes to. An executable hook's accept is
 * shown the point, not the app's configuration, so it has work under any configuration.
 */
public abstract class ExecutableHookContract extends HookContract implements ExecutableContract {

    @TempDir
    Path pluginHome;
    private LifecycleHook loaded;

    @Override
    protected final LifecycleHook strategy() {
        if (loaded == null) {
            loaded = ExecutableContract.strategy(program(), pluginHome, LifecycleHook.class, strategyName());
        }
        return loaded;
    }

    @Override
    protected AppConfig configWithWork() {
        return AppConfig.empty();
    }

    @Override
    protected AppConfig configWithoutWork() {
        return null;
    }

    @Override
    protected final boolean foundByServiceLoader() {
        return false;
    }
}
