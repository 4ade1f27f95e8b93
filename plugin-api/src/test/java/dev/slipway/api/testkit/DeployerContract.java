package dev.slipway.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Deployer;
import dev.slipway.api.DeploymentInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a {@link Deployer}: a plugin's test extends it, says how to make the deployer and
 * an artifact it runs, and inherits these tests. A release with an upstream must accept connections
 * once deployed and none once stopped; a static release's directory must exist.
 */
public abstract class DeployerContract extends StrategyContract<Deployer> {

    @TempDir
    protected Path built;
    @TempDir
    protected Path workDir;

    protected DeployerContract() {
        super(Deployer.class);
    }

    /** Writes an artifact the deployer runs into {@code root} and describes it. */
    protected abstract BuildArtifact artifact(Path root) throws Exception;

    /** Writes an artifact the deployer accepts but that cannot start (a web process that exits), or null to skip. */
    protected BuildArtifact brokenArtifact(Path root) throws Exception {
        return null;
    }

    /** How long a stopped release's port may take to close: stopping may wait for in-flight requests. */
    protected Duration stopGrace() {
        return Duration.ofSeconds(30);
    }

    /** The context a deployment runs in; override to set the app's config (health check, processes). */
    protected FakeStageContext context(Path workDir, BuildArtifact artifact) throws Exception {
        return FakeStageContext.in(workDir).artifact(artifact).config(effectiveSettings());
    }

    @Test
    void acceptsItsArtifact() throws Exception {
        assertTrue(strategy().accept(artifact(built)));
    }

    @Test
    void declinesAnArtifactOfAKindItDoesNotKnow() throws Exception {
        BuildArtifact own = artifact(built);
        assertFalse(strategy().accept(new BuildArtifact("contract-test-unknown", own.root(), own.processes(), own.env(),
                own.path(), own.builder(), own.toolchain())));
    }

    @Test
    void deploysAReleaseThatStopStops() throws Exception {
        Deployer deployer = strategy();
        BuildArtifact artifact = artifact(built);
        FakeStageContext context = context(workDir, artifact);
        DeploymentInfo release = deployer.deploy(context);
        try {
            assertEquals(deployer.name(), release.deployer(), "the release names the deployer that started it");
            assertEquals(context.app(), release.app());
            if (release.isStatic()) {
                assertTrue(Files.isDirectory(release.staticRoot()), "the static root " + release.staticRoot() + " exists");
            } else {
                assertTrue(accepts(release), "a deployed release answers on " + release.upstreamHost() + ":"
                        + release.upstreamPort());
            }
        } finally {
            deployer.stop(release, context);
        }
        if (!release.isStatic()) {
            assertTrue(closesWithin(release, stopGrace()), "a stopped release no longer answers on its port");
        }
        deployer.stop(release, context);
    }

    @Test
    void aReleaseThatCannotStartFailsWithAStageException() throws Exception {
        BuildArtifact broken = brokenArtifact(built);
        assumeTrue(broken != null, "no broken artifact given");
        FakeStageContext context = context(workDir, broken);
        assertFailsWithAReason(() -> strategy().deploy(context));
    }

    private static boolean accepts(DeploymentInfo release) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(release.upstreamHost(), release.upstreamPort()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean closesWithin(DeploymentInfo release, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (accepts(release)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
