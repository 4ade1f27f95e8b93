package dev.slipway.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Builder;
import dev.slipway.api.SourceTree;
import dev.slipway.api.config.AppConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a {@link Builder}: a plugin's test extends it, says how to make the builder and a
 * source tree it builds, and inherits these tests.
 */
public abstract class BuilderContract extends StrategyContract<Builder> {

    @TempDir
    protected Path tree;

    protected BuilderContract() {
        super(Builder.class);
    }

    /** Writes into {@code root} a source tree the builder accepts and builds. */
    protected abstract void writeSource(Path root) throws Exception;

    /**
     * Writes into {@code root} a tree the builder accepts but whose build fails (a syntax error, a
     * missing entry point), and returns true; false (the default) skips that test.
     */
    protected boolean writeBrokenSource(Path root) throws Exception {
        return false;
    }

    /** Whether it is a fallback that accepts any tree (as the native builder does); false by default. */
    protected boolean acceptsAnyTree() {
        return false;
    }

    /** The context a build runs in; override to add env or toolchains. */
    protected FakeStageContext context(Path workDir) throws Exception {
        return FakeStageContext.in(workDir).source(workDir).config(effectiveSettings());
    }

    @Test
    void acceptsTheSourceItBuilds() throws Exception {
        writeSource(tree);
        assertTrue(strategy().accept(new SourceTree(tree, AppConfigLoader.load(tree))));
    }

    @Test
    void declinesAnEmptyTree() throws Exception {
        assumeFalse(acceptsAnyTree(), "it accepts any tree");
        assertFalse(strategy().accept(new SourceTree(tree, AppConfigLoader.load(tree))));
    }

    @Test
    void acceptChangesNothing() throws Exception {
        writeSource(tree);
        Map<Path, String> before = TreeState.of(tree);
        strategy().accept(new SourceTree(tree, AppConfigLoader.load(tree)));
        assertEquals(before, TreeState.of(tree), "accept() must be free of side effects");
    }

    @Test
    void buildsAnArtifactInItsWorkDir() throws Exception {
        writeSource(tree);
        FakeStageContext context = context(tree);
        BuildArtifact artifact = strategy().build(context);
        assertTrue(Files.isDirectory(artifact.root()), "the artifact's root " + artifact.root() + " must be a directory");
        assertTrue(artifact.root().toAbsolutePath().normalize().startsWith(tree.toAbsolutePath().normalize()),
                "the artifact must live in the build's work dir, not at " + artifact.root());
        assertEquals(strategy().name(), artifact.builder(), "the artifact names the builder that made it");
        assertFalse(artifact.kind().isBlank(), "the artifact has a kind deployers can accept");
        artifact.processes().forEach((type, command) ->
                assertFalse(command.isBlank(), "process type " + type + " has an empty command"));
        artifact.runtimeEnv(context.env());
    }

    @Test
    void aBrokenSourceFailsWithAStageException() throws Exception {
        assumeTrue(writeBrokenSource(tree), "no broken source given");
        FakeStageContext context = context(tree);
        assertFailsWithAReason(() -> strategy().build(context));
    }
}
