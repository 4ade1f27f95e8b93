package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Builder;
import dev.slipway.api.testkit.BuilderContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The native builder against the builder contract, with a static site (no toolchain to install). */
class NativeBuilderContractTest extends BuilderContract {

    @Override
    protected Builder strategy() {
        return new NativeBuilder();
    }

    @Override
    protected boolean acceptsAnyTree() {
        return true;
    }

    @Override
    protected void writeSource(Path root) throws Exception {
        Files.writeString(root.resolve("index.html"), "<h1>contract</h1>");
    }

    @Override
    protected boolean writeBrokenSource(Path root) throws Exception {
        // A Node app without a start command or a script: no toolchain can say how it runs.
        Files.writeString(root.resolve("package.json"), "{ not json");
        return true;
    }

    @Test
    void aTreeOfHtmlIsBuiltByTheStaticToolchain() throws Exception {
        writeSource(tree);
        BuildArtifact artifact = strategy().build(context(tree));
        assertEquals(BuildArtifact.STATIC, artifact.kind());
        assertEquals("static", artifact.toolchain());
        assertEquals("<h1>contract</h1>", Files.readString(artifact.root().resolve("index.html")));
    }
}
