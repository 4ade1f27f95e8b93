package dev.slipway.orchestrator.workflow;

import static dev.slipway.orchestrator.workflow.DeploymentState.BUILDING;
import static dev.slipway.orchestrator.workflow.DeploymentState.CANCELLED;
import static dev.slipway.orchestrator.workflow.DeploymentState.DEPLOYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.QUEUED;
import static dev.slipway.orchestrator.workflow.DeploymentState.REQUESTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.CancelRequested;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.Deployed;
import dev.slipway.api.event.DeploymentCancelled;
import dev.slipway.api.event.DeploymentDequeued;
import dev.slipway.api.event.DeploymentQueued;
import dev.slipway.api.event.DeploymentRequested;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.api.event.StopRequested;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One deployment of an app in flight at a time, the others queued; and cancelling, waiting or running. */
class QueueAndCancelTest {

    private static final UUID ID = UUID.randomUUID();
    private static final UUID BEFORE = UUID.randomUUID();
    private static final BuildArtifact ARTIFACT = new BuildArtifact(BuildArtifact.PROCESS, Path.of("/b"),
            Map.of("web", "x"), Map.of(), List.of(), "native", "python");
    private static final DeploymentInfo OLD = DeploymentInfo.upstream("hello", "old", "process", "127.0.0.1", 20001,
            Map.of());
    private static final StagePolicy POLICY = new StagePolicy(Map.of(Stage.BUILD, Duration.ofMinutes(20),
            Stage.DEPLOY, Duration.ofMinutes(15), Stage.PROXY, Duration.ofMinutes(2), Stage.HOOK, Duration.ofMinutes(10)),
            3, Duration.ofSeconds(5), Duration.ofMinutes(1));

    private static DeploymentSnapshot in(DeploymentState state, int attempt, BuildArtifact artifact, int ahead) {
        return new DeploymentSnapshot(ID, "hello", state, attempt, AppConfig.empty(), Path.of("/s.tar.gz"), artifact,
                null, List.of(), null, new DeploymentSnapshot.Previous(OLD, ARTIFACT, AppConfig.empty()),
                List.of("hello.localhost"), 3, Set.of(), ahead);
    }

    private static DeploymentSnapshot in(DeploymentState state) {
        return in(state, 1, state.ordinal() > BUILDING.ordinal() ? ARTIFACT : null, 0);
    }

    @Test
    void aRequestWithEarlierDeploymentsUnfinishedWaitsAtItsPosition() {
        Decision decision = Workflow.next(in(REQUESTED, 1, null, 2), new DeploymentRequested(ID, "hello", 1, "upload"),
                POLICY);

        assertEquals(QUEUED, decision.next());
        assertTrue(decision.commands().isEmpty(), "nothing is built while it waits");
        assertEquals(List.of(new DeploymentQueued(ID, "hello", 1, 2)), decision.facts());
    }

    @Test
    void aRequestWithNoneAheadStartsAtOnce() {
        Decision decision = Workflow.next(in(REQUESTED, 1, null, 0), new DeploymentRequested(ID, "hello", 1, "upload"),
                POLICY);

        assertEquals(BUILDING, decision.next());
        assertInstanceOf(BuildRequested.class, decision.commands().get(0));
        assertTrue(decision.facts().isEmpty());
    }

    @Test
    void itsTurnStartsTheBuildOrForAnEarlierArtifactTheDeploy() {
        Decision build = Workflow.next(in(QUEUED, 1, null, 0), new DeploymentDequeued(ID, "hello", 1, BEFORE), POLICY);
        assertEquals(BUILDING, build.next());
        assertEquals(1, ((BuildRequested) build.commands().get(0)).attempt());

        Decision rollback = Workflow.next(in(QUEUED, 1, ARTIFACT, 0), new DeploymentDequeued(ID, "hello", 1, BEFORE),
                POLICY);
        assertEquals(DEPLOYING, rollback.next());
        assertEquals(ARTIFACT, ((DeployRequested) rollback.commands().get(0)).artifact());
    }

    @Test
    void aTurnThatIsNotDueChangesNothing() {
        Decision stillAhead = Workflow.next(in(QUEUED, 1, null, 1), new DeploymentDequeued(ID, "hello", 1, BEFORE),
                POLICY);
        assertTrue(stillAhead.ignored());
        assertEquals(QUEUED, stillAhead.next());
        assertTrue(stillAhead.commands().isEmpty());

        Decision running = Workflow.next(in(BUILDING), new DeploymentDequeued(ID, "hello", 1, BEFORE), POLICY);
        assertTrue(running.ignored(), "a redelivered turn does not build twice");
        assertTrue(running.commands().isEmpty());
    }

    @Test
    void aWorkersFactForAQueuedDeploymentIsIgnored() {
        Decision decision = Workflow.next(in(QUEUED), new Built(ID, "hello", 1, ARTIFACT), POLICY);

        assertTrue(decision.ignored());
        assertEquals(QUEUED, decision.next());
    }

    @Test
    void cancellingAWaitingDeploymentDropsItWithNothingToStop() {
        Decision decision = Cancellation.cancel(in(QUEUED), "by a user", POLICY);

        assertEquals(CANCELLED, decision.next());
        assertTrue(decision.commands().isEmpty());
        assertEquals(List.of(new DeploymentCancelled(ID, "hello", 1, "QUEUED", "by a user")), decision.facts());
    }

    @Test
    void cancellingABuildTellsTheWorkersToKillThatAttempt() {
        Decision decision = Cancellation.cancel(in(BUILDING, 2, null, 0), "by a user", POLICY);

        assertEquals(CANCELLED, decision.next());
        assertEquals(List.of(new CancelRequested(ID, "hello", 2, "build")), decision.commands());
        assertEquals("BUILDING", ((DeploymentCancelled) decision.facts().get(0)).state());
    }

    @ParameterizedTest
    @EnumSource(names = {"POST_BUILD", "PRE_DEPLOY", "DEPLOYING"})
    void cancellingAHookOrADeployStopsThatStage(DeploymentState state) {
        Decision decision = Cancellation.cancel(in(state), "by a user", POLICY);

        assertEquals(CANCELLED, decision.next());
        assertEquals(List.of(new CancelRequested(ID, "hello", 1, state.stage().wire())), decision.commands());
        assertFalse(decision.commands().stream().anyMatch(c -> c instanceof StopRequested),
                "the release that serves is not touched");
    }

    @Test
    void aReleaseThatComesUpAfterItsDeploymentWasCancelledIsStopped() {
        DeploymentInfo late = DeploymentInfo.upstream("hello", ID.toString(), "process", "127.0.0.1", 20002, Map.of());

        Decision decision = Workflow.next(in(CANCELLED, 1, ARTIFACT, 0), new Deployed(ID, "hello", 1, late), POLICY);

        assertEquals(CANCELLED, decision.next());
        StopRequested stop = (StopRequested) decision.commands().get(0);
        assertEquals(late, stop.release());
        assertTrue(decision.facts().isEmpty());
    }

    @Test
    void cancellingAPostDeployHookKillsItAndRoutesBackToThePreviousRelease() {
        Decision decision = Cancellation.cancel(in(DeploymentState.FINISHING), "by a user", POLICY);

        assertEquals(DeploymentState.ROLLING_BACK, decision.next());
        assertEquals(List.of(new CancelRequested(ID, "hello", 1, "hook"),
                new ProxyRequested(ID, "hello", 1, OLD, List.of("hello.localhost"))), decision.commands());
        assertEquals(new Decision.Deadline.In(Duration.ofMinutes(2)), decision.deadline(), "the proxy stage's own");
        assertTrue(decision.facts().isEmpty(), "it ends when the proxy has routed back");
        assertEquals("hook killed, by a user", decision.error());
    }

    @Test
    void cancellingTheFirstReleasesPostDeployHookStopsThatRelease() {
        DeploymentInfo first = DeploymentInfo.upstream("hello", ID.toString(), "process", "127.0.0.1", 20002, Map.of());
        DeploymentSnapshot d = new DeploymentSnapshot(ID, "hello", DeploymentState.FINISHING, 1, AppConfig.empty(),
                Path.of("/s.tar.gz"), ARTIFACT, first, List.of(), null, null, List.of("hello.localhost"), 1, Set.of());

        Decision decision = Cancellation.cancel(d, "by a user", POLICY);

        assertEquals(CANCELLED, decision.next());
        assertEquals(new CancelRequested(ID, "hello", 1, "hook"), decision.commands().get(0));
        assertEquals(first, ((StopRequested) decision.commands().get(1)).release());
        assertEquals("FINISHING", ((DeploymentCancelled) decision.facts().get(0)).state());
    }

    @ParameterizedTest
    @EnumSource(names = {"PROXYING", "ROLLING_BACK"})
    void onceTheProxySwitchesItIsTooLateToCancel(DeploymentState state) {
        Decision decision = Cancellation.cancel(in(state), "by a user", POLICY);

        assertTrue(decision.ignored());
        assertEquals(state, decision.next());
        assertTrue(decision.ignoredBecause().contains("roll back instead"), decision.ignoredBecause());
        assertTrue(decision.commands().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(names = {"SUCCEEDED", "FAILED", "ROLLED_BACK", "CANCELLED"})
    void anEndedDeploymentCannotBeCancelled(DeploymentState state) {
        Decision decision = Cancellation.cancel(in(state), "by a user", POLICY);

        assertTrue(decision.ignored());
        assertEquals("it has ended (" + state + ")", decision.ignoredBecause());
    }

    @Test
    void aQueuePositionStartsAtOne() {
        assertThrows(IllegalArgumentException.class, () -> new DeploymentQueued(ID, "hello", 1, 0));
    }

    @Test
    void theOrderSettingIsSpelledInLowerCaseAndAWrongOneSaysWhatIsAllowed() {
        assertEquals(DeployOrder.SUPERSEDE, DeployOrder.of("supersede"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> DeployOrder.of("LIFO"));
        assertEquals("deployOrder \"LIFO\" is unknown; allowed: queue, supersede", wrong.getMessage());
    }
}
