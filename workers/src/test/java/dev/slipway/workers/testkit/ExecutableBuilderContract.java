package dev.slipway.workers.testkit;

import dev.slipway.api.Builder;
import dev.slipway.api.testkit.BuilderContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link BuilderContract} and the {@link ExecutableContract} for a builder that is an
 * executable plugin: its test names the program and writes a tree it builds.
 */
public abstract class ExecutableBuilderContract extends BuilderContract implements ExecutableContract {

    @TempDir
    Path pluginHome;
    private Builder loaded;

    @Override
    protected final Builder strategy() {
        if (loaded == null) {
            loaded = ExecutableContract.strategy(program(), pluginHome, Builder.class, strategyName());
        }
        return loaded;
    }

    @Override
    protected final boolean foundByServiceLoader() {
        return false;
    }
}
