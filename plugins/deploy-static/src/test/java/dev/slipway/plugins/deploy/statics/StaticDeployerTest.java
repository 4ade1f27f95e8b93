package dev.slipway.plugins.deploy.statics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeployContext;
import dev.slipway.api.Deployer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.StageLog;
import dev.slipway.api.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticDeployerTest {

    record Context(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                   Map<String, String> config, BuildArtifact artifact, AppConfig appConfig) implements DeployContext {
    }

    @TempDir
    Path root;
    @TempDir
    Path workDir;
    @TempDir
    Path outside;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void isRegisteredAndAcceptsOnlyStaticArtifacts() {
        Deployer deployer = ServiceLoader.load(Deployer.class).findFirst().orElseThrow();
        assertEquals("static", deployer.name());
        assertTrue(deployer.accept(artifact(BuildArtifact.STATIC)));
        assertFalse(deployer.accept(artifact(BuildArtifact.PROCESS)));
    }

    @Test
    void publishedFilesAreReadableByTheProxyWhateverModeTheBuildLeft() throws Exception {
        Files.writeString(root.resolve("index.html"), "<h1>v1</h1>");
        Files.setPosixFilePermissions(root.resolve("index.html"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Context context = new Context("site", UUID.randomUUID(), workDir, Map.of(), lines::add, Map.of(),
                artifact(BuildArtifact.STATIC), AppConfig.empty());

        DeploymentInfo release = new StaticDeployer().deploy(context);

        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(release.staticRoot().resolve("index.html"))));
    }

    @Test
    void copiesTheSiteButNoLinkOutOfItAndNoHiddenFiles() throws Exception {
        Files.writeString(root.resolve("index.html"), "<h1>v1</h1>");
        Files.createDirectories(root.resolve("css"));
        Files.writeString(root.resolve("css/site.css"), "h1{}");
        Files.createSymbolicLink(root.resolve("home.html"), root.resolve("index.html"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("leak.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("leakdir"), outside);
        Files.writeString(root.resolve(".env"), "TOKEN=secret");
        Files.createDirectories(root.resolve(".well-known"));
        Files.writeString(root.resolve(".well-known/security.txt"), "Contact: x");
        Context context = new Context("site", UUID.randomUUID(), workDir, Map.of(), lines::add, Map.of(),
                artifact(BuildArtifact.STATIC), AppConfig.empty());

        DeploymentInfo release = new StaticDeployer().deploy(context);

        Path site = workDir.resolve("site");
        assertTrue(release.isStatic());
        assertEquals(site, release.staticRoot());
        assertEquals(context.deploymentId().toString(), release.releaseId());
        assertEquals("<h1>v1</h1>", Files.readString(site.resolve("index.html")));
        assertEquals("h1{}", Files.readString(site.resolve("css/site.css")));
        assertEquals("<h1>v1</h1>", Files.readString(site.resolve("home.html")), "a link inside the site is copied");
        assertFalse(Files.isSymbolicLink(site.resolve("home.html")));
        assertFalse(Files.exists(site.resolve("leak.txt")), "a link out of the site is not followed");
        assertFalse(Files.exists(site.resolve("leakdir")));
        assertFalse(Files.exists(site.resolve(".env")), "hidden files are not published");
        assertTrue(Files.exists(site.resolve(".well-known/security.txt")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("published 4 files to " + site + " (3 entries skipped)")), lines::toString);

        // A retry of the same deployment starts from a clean copy.
        Files.delete(root.resolve("css/site.css"));
        new StaticDeployer().deploy(context);
        assertFalse(Files.exists(site.resolve("css/site.css")));

        new StaticDeployer().stop(release, context);
        assertTrue(Files.exists(site.resolve("index.html")), "files stay for rollback");
    }

    private BuildArtifact artifact(String kind) {
        return new BuildArtifact(kind, root, Map.of(), Map.of(), List.of(), "native", "static");
    }
}
