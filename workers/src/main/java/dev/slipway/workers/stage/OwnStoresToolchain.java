package dev.slipway.workers.stage;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.Sandbox;
import dev.slipway.api.Setting;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.workers.storage.PluginServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A toolchain as a builder is handed it. The builder calls it with the builder's own context; this
 * gives it its own plugin's storage and metadata instead, so a toolchain from another plugin never
 * works in the builder's namespace. Everything else is the toolchain's, and the context the builder's.
 */
record OwnStoresToolchain(LanguageToolchain toolchain, PluginServices.Stores stores) implements LanguageToolchain {

    @Override
    public String name() {
        return toolchain.name();
    }

    @Override
    public int priority() {
        return toolchain.priority();
    }

    @Override
    public List<Setting> settings() {
        return toolchain.settings();
    }

    @Override
    public List<String> programs() {
        return toolchain.programs();
    }

    @Override
    public boolean accept(SourceTree source) {
        return toolchain.accept(source);
    }

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        return toolchain.build(new Handed(context, stores));
    }

    /** The builder's context with the toolchain's stores. */
    private record Handed(BuildContext context, PluginServices.Stores stores)
            implements BuildContext, StageContexts.Hosted {

        @Override
        public String app() {
            return context.app();
        }

        @Override
        public UUID deploymentId() {
            return context.deploymentId();
        }

        @Override
        public Path workDir() {
            return context.workDir();
        }

        @Override
        public Map<String, String> env() {
            return context.env();
        }

        @Override
        public StageLog log() {
            return context.log();
        }

        @Override
        public Map<String, String> config() {
            return context.config();
        }

        @Override
        public Sandbox sandbox() {
            return context.sandbox();
        }

        @Override
        public SourceTree source() {
            return context.source();
        }

        @Override
        public List<LanguageToolchain> toolchains() {
            return context.toolchains();
        }

        @Override
        public void run(List<String> command, Path dir, Duration timeout) throws StageException {
            context.run(command, dir, timeout);
        }

        @Override
        public void requirePrograms(String who, List<String> programs) throws StageException {
            context.requirePrograms(who, programs);
        }
    }
}
