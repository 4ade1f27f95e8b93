package dev.slipway.bench.noop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.StageException;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three no-op strategies hand each other valid results, and only a bench app gets them. */
class NoopPluginTest {

    @TempDir
    Path tree;

    @Test
    void aBuildsArtifactIsDeployedAndRoutedWithoutDoingAnything() throws Exception {
        BuildArtifact artifact = new NoopBuilder().build(FakeStageContext.in(tree));
        NoopDeployer deployer = new NoopDeployer();
        assertTrue(deployer.accept(artifact));
        DeploymentInfo release = deployer.deploy(FakeStageContext.in(tree).artifact(artifact));
        assertEquals(tree, release.staticRoot());
        FakeStageContext proxy = FakeStageContext.in(tree).domains(List.of("bench-0.localhost"));
        new NoopProxy().configure(release, proxy);
        assertEquals(List.of("http://bench-0.localhost/"), new NoopProxy().urls(proxy));
    }

    @Test
    void neitherTakesARealAppUnasked() throws Exception {
        assertFalse(new NoopDeployer().accept(new BuildArtifact(BuildArtifact.STATIC, tree, Map.of(),
                Map.of(), List.of(), "native", "static")));
        assertFalse(new NoopBuilder().accept(FakeStageContext.in(tree).source(tree).source()));
    }

    @Test
    void aNegativeDelayIsRefusedNamingTheSetting() {
        StageException e = assertThrows(StageException.class,
                () -> new NoopBuilder().build(FakeStageContext.in(tree).config("build-ms", "-1")));
        assertTrue(e.getMessage().contains("slipway.plugins.noop.build-ms"), e.getMessage());
    }

    @Test
    void theAppsOwnWaitWinsAndABadOneIsRefusedNamingIt() throws Exception {
        long started = System.nanoTime();
        new NoopBuilder().build(FakeStageContext.in(tree).config("build-ms", "0").env("NOOP_BUILD_MS", "300"));
        assertTrue(System.nanoTime() - started >= 300_000_000L, "the app's 300 ms were waited");

        StageException e = assertThrows(StageException.class,
                () -> new NoopBuilder().build(FakeStageContext.in(tree).env("NOOP_BUILD_MS", "soon")));
        assertTrue(e.getMessage().contains("the app's NOOP_BUILD_MS"), e.getMessage());
    }
}
