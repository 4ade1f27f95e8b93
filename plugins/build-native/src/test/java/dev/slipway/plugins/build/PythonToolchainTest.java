package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real python3 and pip; requirements stay empty because PyPI is out of reach here. */
class PythonToolchainTest {

    @TempDir
    Path tree;

    @Test
    void buildsAVirtualEnvironmentInTheTree() throws Exception {
        Files.writeString(tree.resolve("requirements.txt"), "# no dependencies\n");
        Files.writeString(tree.resolve("app.py"), "print('hi')\n");

        BuildArtifact artifact = new NativeBuilder().build(TestBuildContext.of(tree));

        assertTrue(Files.isExecutable(tree.resolve(".venv/bin/python")), "the venv has its own python");
        assertTrue(Files.isExecutable(tree.resolve(".venv/bin/pip")));
        assertEquals("python", artifact.toolchain());
        assertEquals(Map.of("web", "python app.py"), artifact.processes());
        assertEquals(List.of(".venv/bin"), artifact.path());
        assertEquals(tree.resolve(".venv").toAbsolutePath().toString(), artifact.env().get("VIRTUAL_ENV"));
    }

    @Test
    void withoutAppPyThereIsNoDefaultWebProcess() throws Exception {
        Files.writeString(tree.resolve("requirements.txt"), "");

        BuildArtifact artifact = new NativeBuilder().build(TestBuildContext.of(tree));

        assertEquals(Map.of(), artifact.processes());
    }
}
