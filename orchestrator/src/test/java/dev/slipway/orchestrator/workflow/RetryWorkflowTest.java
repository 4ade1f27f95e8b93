package dev.slipway.orchestrator.workflow;

import static dev.slipway.orchestrator.workflow.DeploymentState.BUILDING;
import static dev.slipway.orchestrator.workflow.DeploymentState.DEPLOYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.FAILED;
import static dev.slipway.orchestrator.workflow.DeploymentState.FINISHING;
import static dev.slipway.orchestrator.workflow.DeploymentState.ROLLING_BACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildFailed;
import dev.slipway.api.event.BuildStarted;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.DeployFailed;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.DeploymentFailed;
import dev.slipway.api.event.HookFailed;
import dev.slipway.api.event.HookRequested;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.api.event.StageTimedOut;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retryable failures are issued again with the back-off; the others, and the last attempt, fail. */
class RetryWorkflowTest {

    private static final UUID ID = UUID.randomUUID();
    private static final DeploymentInfo OLD = DeploymentInfo.upstream("hello", "old", "process", "127.0.0.1", 20001,
            Map.of());
    private static final DeploymentInfo NEW = DeploymentInfo.upstream("hello", ID.toString(), "process", "127.0.0.1",
            20002, Map.of());
    private static final BuildArtifact ARTIFACT = new BuildArtifact(BuildArtifact.PROCESS, Path.of("/b"),
            Map.of("web", "x"), Map.of(), List.of(), "native", "node");
    private static final StagePolicy SERVER = new StagePolicy(Map.of(Stage.BUILD, Duration.ofMinutes(20), Stage.DEPLOY,
            Duration.ofMinutes(15), Stage.PROXY, Duration.ofSeconds(90), Stage.HOOK, Duration.ofMinutes(10)),
            3, Duration.ofSeconds(5), Duration.ofSeconds(8));

    @Test
    void aRetryableBuildFailureIsIssuedAgainAfterTheBackoff() {
        Decision decision = Workflow.next(in(BUILDING, 1, AppConfig.Retry.NONE),
                new BuildFailed(ID, "hello", 1, "npm: ETIMEDOUT", true), SERVER);

        assertEquals(BUILDING, decision.next());
        assertEquals(2, decision.attempt());
        assertEquals(2, assertInstanceOf(BuildRequested.class, decision.commands().get(0)).attempt());
        assertEquals(Duration.ofSeconds(5), decision.delay());
        assertTrue(decision.facts().isEmpty());
        assertEquals(new Decision.Deadline.In(Duration.ofMinutes(20).plusSeconds(5)), decision.deadline(),
                "the new attempt is overdue after its back-off and the build's timeout");
    }

    @Test
    void aStageThatReportsItStartedKeepsItsDeadline() {
        Decision decision = Workflow.next(in(BUILDING, 1, AppConfig.Retry.NONE),
                new BuildStarted(ID, "hello", 1, "native", "the only builder", null), SERVER);

        assertEquals(BUILDING, decision.next());
        assertEquals(new Decision.Deadline.Unchanged(), decision.deadline());
    }

    @Test
    void aFailureThatIsNotRetryableFailsAtOnce() {
        Decision decision = Workflow.next(in(BUILDING, 1, AppConfig.Retry.NONE),
                new BuildFailed(ID, "hello", 1, "no toolchain accepts the tree"), SERVER);

        assertEquals(FAILED, decision.next());
        assertEquals(1, decision.attempt());
        assertEquals("no toolchain accepts the tree",
                assertInstanceOf(DeploymentFailed.class, decision.facts().get(0)).reason());
        assertEquals(new Decision.Deadline.None(), decision.deadline(), "no stage runs any more");
    }

    @Test
    void theLastAttemptsRetryableFailureFailsTheDeployment() {
        Decision decision = Workflow.next(in(BUILDING, 3, AppConfig.Retry.NONE),
                new BuildFailed(ID, "hello", 3, "npm: ETIMEDOUT", true), SERVER);

        assertEquals(FAILED, decision.next());
        assertEquals("npm: ETIMEDOUT (retryable, but attempt 3 was the last)",
                assertInstanceOf(DeploymentFailed.class, decision.facts().get(0)).reason());
    }

    @Test
    void theAppsRetrySectionSetsTheAttemptsAndTheBackoff() {
        AppConfig.Retry patient = new AppConfig.Retry(5, Duration.ofSeconds(30));
        Decision fourth = Workflow.next(in(BUILDING, 4, patient), new BuildFailed(ID, "hello", 4, "EAI_AGAIN", true),
                SERVER);
        assertEquals(5, fourth.attempt());
        assertEquals(Duration.ofSeconds(30), fourth.delay(), "an app's back-off above the server's ceiling holds");

        AppConfig.Retry once = new AppConfig.Retry(1, null);
        assertEquals(FAILED, Workflow.next(in(BUILDING, 1, once), new BuildFailed(ID, "hello", 1, "EAI_AGAIN", true),
                SERVER).next());
        assertEquals(FAILED, Workflow.next(in(BUILDING, 1, once), new StageTimedOut(ID, "hello", 1, "build"), SERVER)
                .next(), "a stage nobody answered is not issued again either");
    }

    @Test
    void everyStageRetriesItsOwnCommand() {
        Decision deploy = Workflow.next(in(DEPLOYING, 1, AppConfig.Retry.NONE),
                new DeployFailed(ID, "hello", 1, "no port free", true), SERVER);
        assertEquals(2, assertInstanceOf(DeployRequested.class, deploy.commands().get(0)).attempt());

        Decision hook = Workflow.next(in(FINISHING, 1, AppConfig.Retry.NONE),
                new HookFailed(ID, "hello", 1, "post_deploy", "registry timeout", true), SERVER);
        assertEquals(FINISHING, hook.next());
        assertEquals("post_deploy", assertInstanceOf(HookRequested.class, hook.commands().get(0)).hook());

        Decision rollback = Workflow.next(in(ROLLING_BACK, 1, AppConfig.Retry.NONE),
                new ProxyFailed(ID, "hello", 1, "nginx busy", true), SERVER);
        assertEquals(ROLLING_BACK, rollback.next());
        assertEquals(OLD, assertInstanceOf(ProxyRequested.class, rollback.commands().get(0)).release(),
                "a rollback is retried towards the previous release");
    }

    @Test
    void aRetryableFailureOfAnOlderAttemptIsIgnored() {
        Decision decision = Workflow.next(in(BUILDING, 2, AppConfig.Retry.NONE),
                new BuildFailed(ID, "hello", 1, "ETIMEDOUT", true), SERVER);

        assertTrue(decision.ignored(), decision.toString());
        assertTrue(decision.commands().isEmpty());
    }

    private static DeploymentSnapshot in(DeploymentState state, int attempt, AppConfig.Retry retry) {
        AppConfig empty = AppConfig.empty();
        AppConfig config = new AppConfig(empty.build(), empty.deploy(), empty.processes(), empty.env(),
                empty.healthcheck(), Map.of("post_deploy", "npm run migrate"), empty.proxy(), empty.addons(), Map.of(),
                empty.limits(), retry);
        return new DeploymentSnapshot(ID, "hello", state, attempt, config, Path.of("/s.tar.gz"),
                state == BUILDING ? null : ARTIFACT, state == BUILDING || state == DEPLOYING ? null : NEW,
                List.of("http://hello.localhost/"), state == ROLLING_BACK ? "post_deploy hook failed" : null,
                new DeploymentSnapshot.Previous(OLD, ARTIFACT, empty), List.of("hello.localhost"), 4, Set.of());
    }
}
