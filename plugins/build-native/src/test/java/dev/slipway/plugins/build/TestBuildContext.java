package dev.slipway.plugins.build;

import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Path;

/** The build context these tests use: the real tree, this machine's environment, a short timeout. */
final class TestBuildContext {

    private TestBuildContext() {
    }

    /** Reads the tree's configuration files as the worker would; the log is kept in {@code lines()}. */
    static FakeStageContext of(Path tree) throws Exception {
        // The machine's PATH, HOME and CA variables, as the worker passes them through.
        return FakeStageContext.in(tree).source(tree).env(System.getenv()).config("timeout", "300");
    }
}
