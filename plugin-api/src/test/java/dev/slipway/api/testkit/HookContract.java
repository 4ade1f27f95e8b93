package dev.slipway.api.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.HookPoints;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.config.AppConfig;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a {@link LifecycleHook}: a plugin's test extends it, names a point it subscribes
 * to and a configuration under which it has work there, and inherits these tests.
 */
public abstract class HookContract extends StrategyContract<LifecycleHook> {

    @TempDir
    protected Path release;

    protected HookContract() {
        super(LifecycleHook.class);
    }

    /** A point it subscribes to. */
    protected abstract String point();

    /** An app configuration under which the hook has something to do at {@link #point()}. */
    protected abstract AppConfig configWithWork() throws Exception;

    /** A configuration under which it has nothing to do, or null if it always has (the default: an empty config). */
    protected AppConfig configWithoutWork() {
        return AppConfig.empty();
    }

    /** A configuration under which it has work that fails, or null (the default) to skip that test. */
    protected AppConfig configThatFails() throws Exception {
        return null;
    }

    /** The context a hook runs in: beside a static release in {@link #release}; override for more. */
    protected FakeStageContext context(AppConfig config) throws Exception {
        BuildArtifact artifact = new BuildArtifact(BuildArtifact.STATIC, release, Map.of(), Map.of(), List.of(),
                "contract", "static");
        return FakeStageContext.in(release).artifact(artifact).appConfig(config).config(effectiveSettings())
                .release(DeploymentInfo.staticFiles("demo", "1", "static", release, Map.of()));
    }

    @Test
    void itSubscribesOnlyToPointsOfTheCatalogue() {
        List<String> points = strategy().points();
        assertFalse(points.isEmpty(), "a hook subscribes to at least one point");
        assertTrue(HookPoints.ALL.containsAll(points), points + " must be points of HookPoints.ALL");
        assertTrue(points.contains(point()), "the point under test, " + point() + ", is one it subscribes to");
    }

    @Test
    void acceptsWhenItHasWork() throws Exception {
        assertTrue(strategy().accept(point(), configWithWork()));
    }

    @Test
    void declinesWhenItHasNothingToDo() {
        AppConfig idle = configWithoutWork();
        assumeTrue(idle != null, "it always has work");
        assertFalse(strategy().accept(point(), idle));
    }

    @Test
    void runsItsWork() throws Exception {
        AppConfig config = configWithWork();
        strategy().run(point(), context(config));
    }

    @Test
    void failingWorkIsAStageException() throws Exception {
        AppConfig failing = configThatFails();
        assumeTrue(failing != null, "no failing configuration given");
        FakeStageContext context = context(failing);
        assertFailsWithAReason(() -> strategy().run(point(), context));
    }
}
