package dev.slipway.plugins.build;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.Builder;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.Setting;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import dev.slipway.api.StrategySelector.Selection;
import dev.slipway.api.StrategySelector;
import java.util.List;

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

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        Selection<LanguageToolchain> selection = select(context);
        LanguageToolchain toolchain = selection.strategy();
        context.log().line("toolchain " + toolchain.name() + ": " + selection.reason());
        context.requirePrograms("the " + toolchain.name() + " toolchain", toolchain.programs());
        return toolchain.build(context);
    }

    /** The toolchain the app names in {@code [build] toolchain}, or the first by priority that accepts the tree. */
    static Selection<LanguageToolchain> select(BuildContext context) throws StageException {
        SourceTree source = context.source();
        return StrategySelector.select("toolchain", context.toolchains(), source.config().build().toolchain(),
                t -> t.accept(source), "the source tree", context.log());
    }
}
