package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Commands;
import dev.slipway.api.StageException;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real go; the one dependency is vendored in the tree, no module proxy is asked. */
class GoToolchainTest {

    @TempDir
    Path tree;
    @TempDir
    Path home;

    @Test
    void aModuleWithAVendoredDependencyIsBuiltIntoBinAndItsRootCommandIsTheWebProcess() throws Exception {
        write("go.mod", "module example.com/go-hello\n\ngo 1.19\n\nrequire example.com/greet v1.0.0\n");
        write("vendor/modules.txt", "# example.com/greet v1.0.0\n## explicit\nexample.com/greet\n");
        write("vendor/example.com/greet/greet.go", "package greet\n\nfunc Word() string { return \"vendored hello\" }\n");
        write("main.go", "package main\n\nimport (\n\t\"fmt\"\n\t\"example.com/greet\"\n)\n\n"
                + "func main() { fmt.Println(greet.Word()) }\n");
        write("cmd/migrate/main.go", "package main\n\nfunc main() {}\n");
        FakeStageContext context = context();

        BuildArtifact artifact = new NativeBuilder().build(context);

        assertEquals("go", artifact.toolchain());
        assertEquals(Map.of("web", "bin/go-hello"), artifact.processes());
        assertEquals(List.of("bin"), artifact.path());
        assertTrue(Files.isExecutable(tree.resolve("bin/migrate")), "every command of the module is built");
        assertTrue(context.lines().contains("dependencies: vendored in vendor/, nothing to download"),
                context.lines()::toString);
        List<String> printed = new ArrayList<>();
        Commands.run(List.of(tree.resolve("bin/go-hello").toString()), tree, Map.of(), printed::add,
                Duration.ofSeconds(30));
        assertEquals(List.of("vendored hello"), printed);
    }

    @Test
    void aModuleWhoseRootIsALibraryHasNoDefaultWebProcessButTheAppsOwnWins() throws Exception {
        write("go.mod", "module example.com/tools\n\ngo 1.19\n");
        write("lib.go", "package tools\n");
        write("cmd/server/main.go", "package main\n\nfunc main() {}\n");

        assertEquals(Map.of(), new NativeBuilder().build(context()).processes());

        write("Procfile", "web: bin/server --port $PORT\n");
        assertEquals(Map.of("web", "bin/server --port $PORT"), new NativeBuilder().build(context()).processes());
    }

    @Test
    void aCompileErrorFailsTheBuildWithGosMessageInTheLog() throws Exception {
        write("go.mod", "module example.com/broken\n\ngo 1.19\n");
        write("main.go", "package main\n\nfunc main() { undefinedThing() }\n");
        FakeStageContext context = context();

        StageException e = assertThrows(StageException.class, () -> new NativeBuilder().build(context));

        assertFalse(e.retryable(), "the app's own mistake is not retried");
        assertTrue(context.lines().stream().anyMatch(l -> l.contains("undefined: undefinedThing")),
                context.lines()::toString);
    }

    @Test
    void theCommandIsNamedAsGoBuildNamesItAMajorVersionSuffixAside() {
        assertEquals("hello", GoToolchain.commandName("example.com/hello"));
        assertEquals("hello", GoToolchain.commandName("example.com/hello/v2"));
        assertEquals("tool", GoToolchain.commandName("tool"));
    }

    private FakeStageContext context() throws Exception {
        // Go keeps its build cache and module cache in HOME: the test's own, as each app has its own.
        return TestBuildContext.of(tree).env("HOME", home.toString());
    }

    private void write(String name, String text) throws Exception {
        Files.createDirectories(tree.resolve(name).getParent());
        Files.writeString(tree.resolve(name), text);
    }
}
