package dev.slipway.plugins.build;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.Builder;
import dev.slipway.api.Commands;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.Setting;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import dev.slipway.api.StrategySelector.Selection;
import dev.slipway.api.StrategySelector;
import dev.slipway.api.config.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds on the host, with whatever language toolchain the tree needs. It is the fallback
 * builder: it accepts any tree and leaves the question "can this be built?" to the toolchains.
 */
public final class NativeBuilder implements Builder {

    public static final String NAME = "native";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public List<Setting> settings() {
        return List.of(new Setting("timeout", Setting.Type.INTEGER, "900",
                "seconds one build command (npm ci, mvn package, …) may run"));
    }

    @Override
    public boolean accept(SourceTree source) {
        return true;
    }

    /**
     * The app's {@code before-build} commands, the toolchain, then its {@code after-build} commands in
     * the built tree with the environment the release will have (a venv or vendored gems on PATH).
     */
    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        Selection<LanguageToolchain> selection = select(context);
        LanguageToolchain toolchain = selection.strategy();
        context.log().line("toolchain " + toolchain.name() + ": " + selection.reason());
        AppConfig.Build build = context.source().config().build();
        Path root = context.source().root();
        Duration timeout = Toolchains.timeout(context);
        appCommands(context, "before-build", build.beforeBuild(), root, context.env(), timeout);
        BuildArtifact artifact = toolchain.build(context);
        appCommands(context, "after-build", build.afterBuild(), artifact.root(), artifact.runtimeEnv(context.env()),
                timeout);
        return artifact;
    }

    /** The app's own command lines, as a Procfile's are run: by {@code /bin/sh -c}, in its sandbox. */
    private static void appCommands(BuildContext context, String what, List<String> commands, Path dir,
                                    Map<String, String> env, Duration timeout) throws StageException {
        for (String command : commands) {
            context.log().line(what + ": " + command);
            Commands.run(context.sandbox(), List.of("/bin/sh", "-c", command), dir, env, context.log(), timeout);
        }
    }

    /** The toolchain the app names in {@code [build] toolchain}, or the first by priority that accepts the tree. */
    static Selection<LanguageToolchain> select(BuildContext context) throws StageException {
        SourceTree source = context.source();
        return StrategySelector.select("toolchain", context.toolchains(), source.config().build().toolchain(),
                t -> t.accept(source), "the source tree", context.log());
    }
}
