package dev.slipway.workers.testkit;

import dev.slipway.api.Deployer;
import dev.slipway.api.testkit.DeployerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link DeployerContract} and the {@link ExecutableContract} for a deployer that is an
 * executable plugin: its test names the program and writes an artifact it runs.
 */
public abstract class ExecutableDeployerContract extends DeployerContract implements ExecutableContract {

    @TempDir
    Path pluginHome;
    private Deployer loaded;

    @Override
    protected final Deployer strategy() {
        if (loaded == null) {
            loaded = ExecutableContract.strategy(program(), pluginHome, Deployer.class, strategyName());
        }
        return loaded;
    }

    @Override
    protected final boolean foundByServiceLoader() {
        return false;
    }
}
