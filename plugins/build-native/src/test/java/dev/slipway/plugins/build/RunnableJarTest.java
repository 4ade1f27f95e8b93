package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.StageException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnableJarTest {

    @TempDir
    Path root;

    @Test
    void picksTheOnlyJarWithAMainClass() throws Exception {
        jar("target/app-1.0.jar", "demo.Main");
        jar("target/app-1.0-sources.jar", "demo.Main");
        jar("target/original-app-1.0.jar", "demo.Main");
        jar("target/lib-1.0.jar", null);
        assertEquals("target/app-1.0.jar", RunnableJar.find(root));
    }

    @Test
    void prefersTheQuarkusRunner() throws Exception {
        jar("target/app-1.0.jar", "demo.Main");
        jar("target/quarkus-app/quarkus-run.jar", "io.quarkus.bootstrap.runner.QuarkusEntryPoint");
        assertEquals("target/quarkus-app/quarkus-run.jar", RunnableJar.find(root));
    }

    @Test
    void noRunnableJarSaysHowToFixIt() throws Exception {
        jar("target/lib-1.0.jar", null);
        StageException e = assertThrows(StageException.class, () -> RunnableJar.find(root));
        assertTrue(e.getMessage().contains("maven-jar-plugin") && e.getMessage().contains("[run] web"), e.getMessage());
    }

    @Test
    void severalRunnableJarsAreNamed() throws Exception {
        jar("target/a.jar", "demo.A");
        jar("target/b.jar", "demo.B");
        StageException e = assertThrows(StageException.class, () -> RunnableJar.find(root));
        assertTrue(e.getMessage().contains("(a.jar, b.jar)"), e.getMessage());
    }

    @Test
    void jarNamesTheShellWouldSplitAreQuoted() {
        assertEquals("target/app.jar", MavenToolchain.shellWord("target/app.jar"));
        assertEquals("'target/my app.jar'", MavenToolchain.shellWord("target/my app.jar"));
    }

    private void jar(String path, String mainClass) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
