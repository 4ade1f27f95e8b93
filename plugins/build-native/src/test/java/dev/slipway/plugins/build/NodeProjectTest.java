package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.StageException;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The question the real node answers about a tree: what keys a copied node_modules, and when a
 * copy could differ from what npm ci installs. An answer that is not one gives no key.
 */
class NodeProjectTest {

    private static final String HASH = "ab".repeat(32);
    private static final String PACKAGE = "{\"name\": \"demo\", \"version\": \"1.0.0\", \"dependencies\": {\"ms\": \"2.1.3\"}}";
    private static final String LOCK = """
            {"name": "demo", "lockfileVersion": 3, "requires": true,
             "packages": {"": {"name": "demo", "dependencies": {"ms": "2.1.3"}},
                          "node_modules/ms": {"version": "2.1.3"}}}
            """;

    @TempDir
    Path tree;
    @TempDir
    Path home;

    @BeforeEach
    void aProjectWithALockFile() throws Exception {
        Files.writeString(tree.resolve("package.json"), PACKAGE);
        Files.writeString(tree.resolve("package-lock.json"), LOCK);
    }

    @Test
    void theKeyIsTheSameForTheSameProjectAndChangesWithWhatChangesTheInstall() throws Exception {
        NodeProject project = ask();
        String key = project.cacheKey().orElseThrow(() -> new AssertionError(project.notCached()));
        assertEquals(Optional.of(key), ask().cacheKey(), "same tree, same key");
        assertEquals(NodeProject.BuildScript.ABSENT, project.buildScript());
        assertTrue(project.nodeVersion().matches("v\\d+\\.\\d+\\.\\d+"), project.nodeVersion());

        Files.writeString(tree.resolve("package.json"), PACKAGE.replace("1.0.0", "1.0.1"));
        String changedPackage = ask().cacheKey().orElseThrow();
        assertNotEquals(key, changedPackage, "npm ci checks the lock file against package.json");

        Files.writeString(tree.resolve(".npmrc"), "omit=dev\n");
        String projectNpmrc = ask().cacheKey().orElseThrow();
        assertNotEquals(changedPackage, projectNpmrc, "the project's .npmrc");

        Files.writeString(home.resolve(".npmrc"), "registry=https://registry.example/\n");
        String userNpmrc = ask().cacheKey().orElseThrow();
        assertNotEquals(projectNpmrc, userNpmrc, "the user's .npmrc");

        assertNotEquals(userNpmrc, ask("NPM_CONFIG_OMIT", "dev").cacheKey().orElseThrow(), "npm_config_ in any case");
        assertNotEquals(userNpmrc, ask("NODE_ENV", "production").cacheKey().orElseThrow());
        assertEquals(Optional.of(userNpmrc), ask("UNRELATED", "x").cacheKey(), "other variables do not count");
    }

    @Test
    void aProjectWhoseInstallACopyWouldNotRepeatGetsNoKey() throws Exception {
        assertNotCached("package.json has an install script", tree -> Files.writeString(tree.resolve("package.json"),
                PACKAGE.replace("}}", "}, \"scripts\": {\"postinstall\": \"node gen.js\"}}")));
        assertNotCached("has workspaces", tree -> Files.writeString(tree.resolve("package.json"),
                PACKAGE.replace("}}", "}, \"workspaces\": [\"packages/*\"]}")));
        assertNotCached("npm-shrinkwrap.json", tree -> Files.writeString(tree.resolve("npm-shrinkwrap.json"), LOCK));
        assertNotCached("binding.gyp", tree -> Files.writeString(tree.resolve("binding.gyp"), "{}"));
        assertNotCached("a dependency has an install script", tree -> Files.writeString(tree.resolve("package-lock.json"),
                LOCK.replace("\"version\": \"2.1.3\"}", "\"version\": \"2.1.3\", \"hasInstallScript\": true}")));
        assertNotCached("links a local package", tree -> Files.writeString(tree.resolve("package-lock.json"),
                LOCK.replace("{\"version\": \"2.1.3\"}", "{\"resolved\": \"../ms\", \"link\": true}")));
        assertNotCached("lockfileVersion 1", tree -> Files.writeString(tree.resolve("package-lock.json"),
                "{\"name\": \"demo\", \"lockfileVersion\": 1, \"dependencies\": {\"ms\": {\"version\": \"2.1.3\"}}}"));
        assertNotCached("not JSON", tree -> Files.writeString(tree.resolve("package-lock.json"), "{\"name\": "));
    }

    @Test
    void aBuildScriptIsSeenWhereNpmWouldRunIt() throws Exception {
        Files.writeString(tree.resolve("package.json"), PACKAGE.replace("}}", "}, \"scripts\": {\"build\": \"tsc\"}}"));

        NodeProject project = ask();

        assertEquals(NodeProject.BuildScript.PRESENT, project.buildScript());
        assertEquals(Optional.of(List.of("npm", "run", "build")), project.buildCommand());
    }

    @Test
    void anAnswerCutShortOrNotOneGivesNoKeyAndLeavesTheBuildScriptToNpm() {
        NodeProject cut = NodeProject.parse(List.of("node v20.11.1", "no-build-script", "key " + HASH));
        assertEquals(Optional.empty(), cut.cacheKey());
        assertEquals(Optional.of(List.of("npm", "run", "build", "--if-present")), cut.buildCommand());
        assertEquals(List.of("node's answer about the tree was cut short"), cut.notCached());

        assertEquals(Optional.empty(), NodeProject.parse(List.of("node v20.11.1", "key ../../etc", "end")).cacheKey());
        assertEquals("unknown", NodeProject.parse(List.of("node v20; rm -rf /", "key " + HASH, "end")).nodeVersion());
        assertEquals(Optional.empty(), NodeProject.parse(List.of("key " + HASH, "not-cached made-up", "end")).cacheKey());
        assertEquals(Optional.of(HASH), NodeProject.parse(List.of("node v20.11.1", "key " + HASH, "end")).cacheKey());
    }

    @Test
    void anAnswerLongerThanAnyHonestOneIsDroppedAndSaidSo() throws Exception {
        FakeStageContext context = context();

        List<String> answer = Probe.ask(context, "a question", List.of("sh", "-c", "seq 1 5000"), tree);

        assertEquals(List.of(), answer);
        assertTrue(context.lines().stream().anyMatch(l -> l.contains("more than 1000 lines")), context.lines()::toString);
    }

    @Test
    void aProbeThatFailsSaysWhatWasAskedAndLeavesItsOutputInTheLog() throws Exception {
        FakeStageContext context = context();

        StageException e = assertThrows(StageException.class,
                () -> Probe.ask(context, "about its tree", List.of("sh", "-c", "echo no such thing; exit 2"), tree));

        assertEquals("asking sh about its tree: sh failed with exit code 2 (its output is in the stage log)",
                e.getMessage());
        assertEquals(List.of("no such thing"), context.lines());
    }

    private interface Change {
        void apply(Path tree) throws Exception;
    }

    private void assertNotCached(String why, Change change) throws Exception {
        aProjectWithALockFile();
        change.apply(tree);
        NodeProject project = ask();
        assertEquals(Optional.empty(), project.cacheKey(), why);
        assertTrue(project.notCached().stream().anyMatch(l -> l.contains(why)), why + ": " + project.notCached());
        Files.deleteIfExists(tree.resolve("npm-shrinkwrap.json"));
        Files.deleteIfExists(tree.resolve("binding.gyp"));
    }

    private NodeProject ask(String... env) throws Exception {
        FakeStageContext context = context();
        for (int i = 0; i < env.length; i += 2) {
            context.env(env[i], env[i + 1]);
        }
        return NodeProject.of(context, tree);
    }

    private FakeStageContext context() throws Exception {
        return TestBuildContext.of(tree).env("HOME", home.toString());
    }
}
