package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Builder;
import dev.slipway.api.StageException;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import dev.slipway.api.BuildContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainSelectionTest {

    @TempDir
    Path tree;

    @Test
    void servicesRegisterTheBuilderAndEveryToolchain() throws Exception {
        Builder builder = ServiceLoader.load(Builder.class).findFirst().orElseThrow();
        assertEquals("native", builder.name());
        assertEquals("go, java-maven, node, python, ruby, static",
                String.join(", ", TestBuildContext.of(tree).toolchains().stream().map(t -> t.name()).sorted().toList()));
    }

    @Test
    void packageJsonWinsOverIndexHtml() throws Exception {
        Files.writeString(tree.resolve("package.json"), "{}");
        Files.writeString(tree.resolve("index.html"), "<h1>hi</h1>");
        assertEquals("node", NativeBuilder.select(TestBuildContext.of(tree)).strategy().name());
    }

    @Test
    void aGoOrRubyAppWithAFrontEndsPackageJsonIsBuiltAsGoOrRuby() throws Exception {
        Files.writeString(tree.resolve("package.json"), "{}");
        Files.writeString(tree.resolve("Gemfile"), "");
        assertEquals("ruby", NativeBuilder.select(TestBuildContext.of(tree)).strategy().name());
        Files.writeString(tree.resolve("go.mod"), "module x\n");
        assertEquals("go", NativeBuilder.select(TestBuildContext.of(tree)).strategy().name());
    }

    @Test
    void indexHtmlAloneIsAStaticSiteAtTheRoot() throws Exception {
        Files.writeString(tree.resolve("index.html"), "<h1>hi</h1>");
        FakeStageContext context = TestBuildContext.of(tree);
        BuildArtifact artifact = new NativeBuilder().build(context);
        assertEquals(BuildArtifact.STATIC, artifact.kind());
        assertEquals(tree, artifact.root());
        assertEquals("static", artifact.toolchain());
        assertEquals("native", artifact.builder());
        assertTrue(context.lines().stream().anyMatch(l -> l.startsWith("toolchain static: auto-detected")), context.lines()::toString);
    }

    @Test
    void staticDirIsResolvedInsideTheTree() throws Exception {
        Files.createDirectories(tree.resolve("public"));
        Files.writeString(tree.resolve("slipway.toml"), "[build]\nstatic-dir = \"public\"\n");
        BuildArtifact artifact = new NativeBuilder().build(TestBuildContext.of(tree));
        assertEquals(tree.resolve("public"), artifact.root());
    }

    @Test
    void staticDirThatIsMissingOrLeavesTheTreeIsRefused() throws Exception {
        Files.writeString(tree.resolve("slipway.toml"), "[build]\nstatic-dir = \"dist\"\n");
        StageException missing = assertThrows(StageException.class, () -> new NativeBuilder().build(TestBuildContext.of(tree)));
        assertTrue(missing.getMessage().contains("\"dist\" is not a directory"), missing.getMessage());

        Files.createSymbolicLink(tree.resolve("dist"), Path.of("/etc"));
        StageException escape = assertThrows(StageException.class, () -> new NativeBuilder().build(TestBuildContext.of(tree)));
        assertTrue(escape.getMessage().contains("leads outside the source tree"), escape.getMessage());
    }

    @Test
    void unknownConfiguredToolchainListsTheKnownOnes() throws Exception {
        Files.writeString(tree.resolve("slipway.toml"), "[build]\ntoolchain = \"cobol\"\n");
        StageException e = assertThrows(StageException.class, () -> new NativeBuilder().build(TestBuildContext.of(tree)));
        assertEquals("toolchain \"cobol\" is unknown; known: go, java-maven, node, python, ruby, static", e.getMessage());
    }

    @Test
    void aTreeNoToolchainKnowsIsRefusedWithTheCandidates() throws Exception {
        Files.writeString(tree.resolve("main.go"), "package main"); // go.mod makes a Go module, not this
        StageException e = assertThrows(StageException.class, () -> new NativeBuilder().build(TestBuildContext.of(tree)));
        assertTrue(e.getMessage().startsWith("no toolchain accepts the source tree; known: go, ruby, java-maven, node, python, static"),
                e.getMessage());
    }

    @Test
    void theChosenToolchainsProgramsAreAskedOfTheHostBeforeItBuilds() throws Exception {
        Files.writeString(tree.resolve("go.mod"), "module x\n");
        FakeStageContext fake = TestBuildContext.of(tree);
        List<String> asked = new ArrayList<>();
        BuildContext context = new BuildContext() {
            @Override public String app() { return fake.app(); }
            @Override public UUID deploymentId() { return fake.deploymentId(); }
            @Override public Path workDir() { return fake.workDir(); }
            @Override public Map<String, String> env() { return fake.env(); }
            @Override public StageLog log() { return fake.log(); }
            @Override public Map<String, String> config() { return fake.config(); }
            @Override public SourceTree source() { return fake.source(); }
            @Override public List<LanguageToolchain> toolchains() { return fake.toolchains(); }

            @Override
            public void requirePrograms(String who, List<String> programs) throws StageException {
                asked.add(who + ": " + programs);
                throw new StageException("go is not installed on this worker");
            }
        };

        StageException e = assertThrows(StageException.class, () -> new NativeBuilder().build(context));

        assertEquals(List.of("the go toolchain: [go]"), asked);
        assertEquals("go is not installed on this worker", e.getMessage());
        assertFalse(Files.exists(tree.resolve("bin")), "nothing was built");
    }

    @Test
    void invalidTimeoutSettingIsExplained() throws Exception {
        Files.writeString(tree.resolve("index.html"), "x");
        FakeStageContext bad = TestBuildContext.of(tree).config("timeout", "soon");
        StageException e = assertThrows(StageException.class, () -> Toolchains.timeout(bad));
        assertTrue(e.getMessage().contains("timeout \"soon\" is invalid"), e.getMessage());
    }
}
