package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.StageException;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real npm against the public registry with one tiny dependency. */
class NodeToolchainTest {

    @TempDir
    Path tree;

    @Test
    void installsDependenciesAndRunsTheBuildScript() throws Exception {
        Files.writeString(tree.resolve("package.json"), """
                {"name": "demo", "version": "1.0.0", "private": true,
                 "dependencies": {"ms": "2.1.3"},
                 "scripts": {"build": "node build.js", "start": "node server.js"}}
                """);
        Files.writeString(tree.resolve("build.js"),
                "require('fs').writeFileSync('built.txt', String(require('ms')('2 days')));\n");
        Files.writeString(tree.resolve("index.html"), "<p>ignored: this is a node app</p>");
        FakeStageContext context = TestBuildContext.of(tree);

        BuildArtifact artifact = new NativeBuilder().build(context);

        assertTrue(Files.isRegularFile(tree.resolve("node_modules/ms/package.json")), "ms was installed");
        assertEquals("172800000", Files.readString(tree.resolve("built.txt")), "the build script ran with ms");
        assertEquals(BuildArtifact.PROCESS, artifact.kind());
        assertEquals("node", artifact.toolchain());
        assertEquals(Map.of("web", "npm start"), artifact.processes());
        assertEquals(List.of("node_modules/.bin"), artifact.path());
        assertTrue(context.lines().contains("toolchain node: auto-detected: node accepts the source tree"
                + " (asked in order: go, ruby, java-maven, node, python, static)"), context.lines()::toString);
    }

    @Test
    void procfileProcessesWinAndLockFileMeansNpmCi() throws Exception {
        Files.writeString(tree.resolve("package.json"), "{\"name\": \"demo\", \"version\": \"1.0.0\"}");
        Files.writeString(tree.resolve("package-lock.json"), """
                {"name": "demo", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
                 "packages": {"": {"name": "demo", "version": "1.0.0"}}}
                """);
        Files.writeString(tree.resolve("Procfile"), "web: node server.js\nworker: node jobs.js\n");

        BuildArtifact artifact = new NativeBuilder().build(TestBuildContext.of(tree));

        assertEquals(Map.of("web", "node server.js", "worker", "node jobs.js"), artifact.processes());
    }

    @Test
    void aRedeployWithTheSameLockFileCopiesNodeModulesInsteadOfRunningNpmCi(@TempDir Path home, @TempDir Path first,
                                                                           @TempDir Path second, @TempDir Path third)
            throws Exception {
        Files.writeString(tree.resolve("package.json"), """
                {"name": "demo", "version": "1.0.0", "private": true, "dependencies": {"ms": "2.1.3"}}
                """);
        new NativeBuilder().build(inHome(tree, home));
        assertTrue(Files.isRegularFile(tree.resolve("package-lock.json")), "npm install wrote the lock file");
        copySource(tree, first);
        copySource(tree, second);

        FakeStageContext installed = inHome(first, home);
        new NativeBuilder().build(installed);
        assertTrue(installed.lines().stream().anyMatch(l -> l.startsWith("added 1 package")), installed.lines()::toString);

        FakeStageContext copied = inHome(second, home);
        new NativeBuilder().build(copied);
        assertTrue(copied.lines().stream().anyMatch(l -> l.startsWith("node_modules: copied from the last build")),
                copied.lines()::toString);
        assertTrue(copied.lines().stream().noneMatch(l -> l.startsWith("added ")), "npm ci ran: " + copied.lines());
        assertTrue(Files.isRegularFile(second.resolve("node_modules/ms/package.json")));

        // Another lock file: npm ci again, and its node_modules replace the ones kept.
        Files.writeString(third.resolve("package.json"), """
                {"name": "demo", "version": "1.0.0", "private": true, "dependencies": {"ms": "2.1.2"}}
                """);
        Files.writeString(third.resolve("package-lock.json"), Files.readString(first.resolve("package-lock.json"))
                .replace("2.1.3", "2.1.2").replaceAll("\"integrity\": \"[^\"]+\",?", ""));
        FakeStageContext changed = inHome(third, home);
        new NativeBuilder().build(changed);
        assertTrue(changed.lines().stream().noneMatch(l -> l.startsWith("node_modules: copied")), changed.lines()::toString);
        assertTrue(Files.readString(third.resolve("node_modules/ms/package.json")).contains("\"version\": \"2.1.2\""));
        try (Stream<Path> kept = Files.list(home.resolve(NodeModulesCache.DIR))) {
            assertEquals(1, kept.count(), "one install kept per app");
        }
    }

    @Test
    void aProjectWithAnInstallScriptOfItsOwnAlwaysRunsNpmCi(@TempDir Path home, @TempDir Path again) throws Exception {
        Files.writeString(tree.resolve("package.json"), """
                {"name": "demo", "version": "1.0.0", "private": true,
                 "scripts": {"postinstall": "node -e \\"require('fs').writeFileSync('generated.txt', 'made')\\""}}
                """);
        new NativeBuilder().build(inHome(tree, home));
        copySource(tree, again);

        FakeStageContext second = inHome(again, home);
        new NativeBuilder().build(second);

        assertEquals("made", Files.readString(again.resolve("generated.txt")), "the postinstall ran again");
        assertTrue(second.lines().stream().noneMatch(l -> l.startsWith("node_modules: copied")), second.lines()::toString);
    }

    private static FakeStageContext inHome(Path tree, Path home) throws Exception {
        return TestBuildContext.of(tree).env("HOME", home.toString());
    }

    private static void copySource(Path from, Path to) throws Exception {
        for (String name : List.of("package.json", "package-lock.json")) {
            Files.copy(from.resolve(name), to.resolve(name));
        }
    }

    @Test
    void aFailingNpmFailsTheBuild() throws Exception {
        // An invalid package name: npm refuses it without asking the registry.
        Files.writeString(tree.resolve("package.json"), """
                {"name": "demo", "version": "1.0.0", "dependencies": {"not a valid name!": "1.0.0"}}
                """);
        FakeStageContext context = TestBuildContext.of(tree);

        StageException e = assertThrows(StageException.class, () -> new NativeBuilder().build(context));

        assertTrue(e.getMessage().startsWith("npm install --no-audit --no-fund failed with exit code"), e.getMessage());
        assertTrue(context.lines().stream().anyMatch(l -> l.contains("not a valid name!")), "npm's error is in the log");
    }

    @Test
    void withStaticDirTheBuiltDirectoryIsTheArtifact() throws Exception {
        Files.writeString(tree.resolve("package.json"), """
                {"name": "site", "version": "1.0.0", "scripts": {"build": "node build.js"}}
                """);
        Files.writeString(tree.resolve("build.js"), """
                require('fs').mkdirSync('dist', {recursive: true});
                require('fs').writeFileSync('dist/index.html', '<h1>built</h1>');
                """);
        Files.writeString(tree.resolve("slipway.toml"), "[build]\nstatic-dir = \"dist\"\n");

        BuildArtifact artifact = new NativeBuilder().build(TestBuildContext.of(tree));

        assertEquals(BuildArtifact.STATIC, artifact.kind());
        assertEquals("<h1>built</h1>", Files.readString(artifact.root().resolve("index.html")));
    }
}
