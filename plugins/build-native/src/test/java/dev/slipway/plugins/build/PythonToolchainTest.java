package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Commands;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real python3 and pip; the one package installed is a wheel of the test's own, PyPI is not asked. */
class PythonToolchainTest {

    @TempDir
    Path tree;

    @Test
    void buildsAVirtualEnvironmentInTheTreeAndSkipsPipWhenNothingIsRequired() throws Exception {
        Files.writeString(tree.resolve("requirements.txt"), "# no dependencies\n\n   # none at all\n");
        Files.writeString(tree.resolve("app.py"), "print('hi')\n");
        FakeStageContext context = TestBuildContext.of(tree);

        BuildArtifact artifact = new NativeBuilder().build(context);

        assertTrue(Files.isExecutable(tree.resolve(".venv/bin/python")), "the venv has its own python");
        assertTrue(context.lines().contains("requirements.txt names no package: nothing to install"),
                context.lines()::toString);
        assertEquals("python", artifact.toolchain());
        assertEquals(Map.of("web", "python app.py"), artifact.processes());
        assertEquals(List.of(".venv/bin"), artifact.path());
        assertEquals(tree.resolve(".venv").toAbsolutePath().toString(), artifact.env().get("VIRTUAL_ENV"));
    }

    @Test
    void whatRequirementsTxtNamesIsInstalledIntoTheVenvAndNowhereElse() throws Exception {
        // A wheel of its own: pip installs it without asking an index.
        Path wheel = tree.resolve("greeting-1.0-py3-none-any.whl");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(wheel))) {
            entry(zip, "greeting.py", "WORD = 'hello from a wheel'\n");
            entry(zip, "greeting-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: greeting\nVersion: 1.0\n");
            entry(zip, "greeting-1.0.dist-info/WHEEL",
                    "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
            entry(zip, "greeting-1.0.dist-info/RECORD", "greeting.py,,\ngreeting-1.0.dist-info/METADATA,,\n"
                    + "greeting-1.0.dist-info/WHEEL,,\ngreeting-1.0.dist-info/RECORD,,\n");
        }
        Files.writeString(tree.resolve("requirements.txt"), "# the one dependency\n./" + wheel.getFileName() + "\n");
        FakeStageContext context = TestBuildContext.of(tree);

        new NativeBuilder().build(context);

        List<String> printed = new ArrayList<>();
        Commands.run(List.of(tree.resolve(".venv/bin/python").toString(), "-c", "import greeting; print(greeting.WORD)"),
                tree, Map.of(), printed::add, Duration.ofSeconds(30));
        assertEquals(List.of("hello from a wheel"), printed, context.lines()::toString);
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    @Test
    void withoutAppPyThereIsNoDefaultWebProcess() throws Exception {
        Files.writeString(tree.resolve("requirements.txt"), "");

        BuildArtifact artifact = new NativeBuilder().build(TestBuildContext.of(tree));

        assertEquals(Map.of(), artifact.processes());
    }
}
