package dev.slipway.orchestrator.workflow;

import static dev.slipway.orchestrator.workflow.DeploymentState.BUILDING;
import static dev.slipway.orchestrator.workflow.DeploymentState.DEPLOYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.FAILED;
import static dev.slipway.orchestrator.workflow.DeploymentState.PROXYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.REQUESTED;
import static dev.slipway.orchestrator.workflow.DeploymentState.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildFailed;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.DeployFailed;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.Deployed;
import dev.slipway.api.event.DeploymentFailed;
import dev.slipway.api.event.DeploymentRequested;
import dev.slipway.api.event.DeploymentSucceeded;
import dev.slipway.api.event.ProxyConfigured;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.api.event.StopRequested;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkflowTest {

    private static final UUID ID = UUID.randomUUID();
    private static final DeploymentInfo OLD = DeploymentInfo.upstream("hello", "old", "process", "127.0.0.1", 20001, Map.of());
    private static final DeploymentInfo NEW = DeploymentInfo.upstream("hello", ID.toString(), "process", "127.0.0.1", 20002, Map.of());
    private static final BuildArtifact ARTIFACT = new BuildArtifact(BuildArtifact.PROCESS, Path.of("/b"), Map.of("web", "x"),
            Map.of(), List.of(), "native", "node");

    private static DeploymentSnapshot in(DeploymentState state, DeploymentInfo previous) {
        return new DeploymentSnapshot(ID, "hello", state, 1, AppConfig.empty(), Path.of("/s.tar.gz"),
                state.ordinal() > DEPLOYING.ordinal() ? NEW : null, previous, List.of("hello.localhost"), 4);
    }

    @Test
    void theHappyPathIssuesEachStageInOrderAndStopsThePreviousRelease() {
        Decision requested = Workflow.next(in(REQUESTED, OLD), new DeploymentRequested(ID, "hello", 1, "upload"));
        assertEquals(BUILDING, requested.next());
        assertEquals(Path.of("/s.tar.gz"), ((BuildRequested) requested.commands().get(0)).source());

        Decision built = Workflow.next(in(BUILDING, OLD), new Built(ID, "hello", 1, ARTIFACT));
        assertEquals(DEPLOYING, built.next());
        assertEquals(ARTIFACT, ((DeployRequested) built.commands().get(0)).artifact());

        Decision deployed = Workflow.next(in(DEPLOYING, OLD), new Deployed(ID, "hello", 1, NEW));
        assertEquals(PROXYING, deployed.next());
        assertEquals(List.of("hello.localhost"), ((ProxyRequested) deployed.commands().get(0)).domains());

        Decision proxied = Workflow.next(in(PROXYING, OLD), new ProxyConfigured(ID, "hello", 1, List.of("http://hello.localhost/")));
        assertEquals(SUCCEEDED, proxied.next());
        assertEquals(OLD, ((StopRequested) proxied.commands().get(0)).release());
        DeploymentSucceeded succeeded = (DeploymentSucceeded) proxied.facts().get(0);
        assertEquals(4, succeeded.release());
        assertEquals(List.of("http://hello.localhost/"), succeeded.urls());
    }

    @Test
    void firstReleaseHasNothingToStop() {
        Decision proxied = Workflow.next(in(PROXYING, null), new ProxyConfigured(ID, "hello", 1, List.of()));
        assertEquals(SUCCEEDED, proxied.next());
        assertTrue(proxied.commands().isEmpty());
    }

    @Test
    void failuresBeforeTheProxySwitchedEndTheDeploymentWithTheReason() {
        Decision build = Workflow.next(in(BUILDING, OLD), new BuildFailed(ID, "hello", 1, "npm failed"));
        assertEquals(FAILED, build.next());
        assertEquals(new DeploymentFailed(ID, "hello", 1, "build", "npm failed"), build.facts().get(0));
        assertTrue(build.commands().isEmpty());

        Decision deploy = Workflow.next(in(DEPLOYING, OLD), new DeployFailed(ID, "hello", 1, "health check"));
        assertEquals(FAILED, deploy.next());
        assertTrue(deploy.commands().isEmpty(), "the deployer already stopped what it started; the old release is untouched");
    }

    @Test
    void aFailedProxyStopsTheNewReleaseNotTheServingOne() {
        Decision proxy = Workflow.next(in(PROXYING, OLD), new ProxyFailed(ID, "hello", 1, "nginx -t failed"));
        assertEquals(FAILED, proxy.next());
        assertEquals(NEW, ((StopRequested) proxy.commands().get(0)).release());
        assertInstanceOf(DeploymentFailed.class, proxy.facts().get(0));
    }

    @Test
    void lateDuplicateAndOutOfOrderFactsAreIgnored() {
        Decision late = Workflow.next(in(BUILDING, OLD), new Built(ID, "hello", 0, ARTIFACT));
        assertTrue(late.ignored());
        assertEquals(BUILDING, late.next());

        Decision afterEnd = Workflow.next(in(SUCCEEDED, OLD), new DeployFailed(ID, "hello", 1, "x"));
        assertTrue(afterEnd.ignored());
        assertTrue(afterEnd.commands().isEmpty() && afterEnd.facts().isEmpty());

        Decision duplicate = Workflow.next(in(DEPLOYING, OLD), new Built(ID, "hello", 1, ARTIFACT));
        assertTrue(duplicate.ignored());
        assertFalse(Workflow.next(in(BUILDING, OLD), new Built(ID, "hello", 1, ARTIFACT)).ignored());
    }
}
