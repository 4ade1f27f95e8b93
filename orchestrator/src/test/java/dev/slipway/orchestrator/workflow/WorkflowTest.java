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
import dev.slipway.api.event.HookCompleted;
import dev.slipway.api.event.HookFailed;
import dev.slipway.api.event.HookRequested;
import dev.slipway.api.event.ProxyConfigured;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.api.event.StopRequested;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.api.event.StageTimedOut;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkflowTest {

    private static final UUID ID = UUID.randomUUID();
    private static final DeploymentInfo OLD = DeploymentInfo.upstream("hello", "old", "process", "127.0.0.1", 20001, Map.of());
    private static final DeploymentInfo NEW = DeploymentInfo.upstream("hello", ID.toString(), "process", "127.0.0.1", 20002, Map.of());
    private static final BuildArtifact ARTIFACT = new BuildArtifact(BuildArtifact.PROCESS, Path.of("/b"), Map.of("web", "x"),
            Map.of(), List.of(), "native", "node");

    private static final AppConfig OLD_CONFIG = hooks(Map.of("pre_stop", "node drain.js"));
    private static final AppConfig WITH_POST_DEPLOY = hooks(Map.of("post_deploy", "npm run migrate"));

    private static AppConfig hooks(Map<String, String> hooks) {
        AppConfig empty = AppConfig.empty();
        return new AppConfig(empty.build(), empty.deploy(), empty.processes(), empty.env(), empty.healthcheck(), hooks,
                empty.proxy(), empty.addons());
    }

    private static final StagePolicy POLICY = new StagePolicy(
            Map.of(Stage.BUILD, Duration.ofMinutes(20), Stage.DEPLOY, Duration.ofMinutes(15), Stage.PROXY, Duration.ofSeconds(90),
                    Stage.HOOK, Duration.ofMinutes(10)),
            3, Duration.ofSeconds(5), Duration.ofSeconds(8));

    private static DeploymentSnapshot in(DeploymentState state, DeploymentInfo previous) {
        return in(state, 1, previous);
    }

    private static DeploymentSnapshot in(DeploymentState state, int attempt, DeploymentInfo previous) {
        return in(state, attempt, previous, AppConfig.empty(), null);
    }

    private static DeploymentSnapshot in(DeploymentState state, int attempt, DeploymentInfo previous, AppConfig config,
                                         String error) {
        return in(state, attempt, previous, config, error, Set.of());
    }

    private static DeploymentSnapshot in(DeploymentState state, int attempt, DeploymentInfo previous, AppConfig config,
                                         String error, Set<String> subscribed) {
        return new DeploymentSnapshot(ID, "hello", state, attempt, config, Path.of("/s.tar.gz"),
                state.ordinal() > BUILDING.ordinal() ? ARTIFACT : null, state.ordinal() > DEPLOYING.ordinal() ? NEW : null,
                List.of("http://hello.localhost/"), error,
                previous == null ? null : new DeploymentSnapshot.Previous(previous, ARTIFACT, OLD_CONFIG),
                List.of("hello.localhost"), 4, subscribed);
    }

    private static Decision next(DeploymentSnapshot snapshot, SlipwayEvent event) {
        return Workflow.next(snapshot, event, POLICY);
    }

    @Test
    void theHappyPathIssuesEachStageInOrderAndStopsThePreviousRelease() {
        Decision requested = next(in(REQUESTED, OLD), new DeploymentRequested(ID, "hello", 1, "upload"));
        assertEquals(BUILDING, requested.next());
        assertEquals(Path.of("/s.tar.gz"), ((BuildRequested) requested.commands().get(0)).source());

        Decision built = next(in(BUILDING, OLD), new Built(ID, "hello", 1, ARTIFACT));
        assertEquals(DEPLOYING, built.next());
        assertEquals(ARTIFACT, ((DeployRequested) built.commands().get(0)).artifact());

        Decision deployed = next(in(DEPLOYING, OLD), new Deployed(ID, "hello", 1, NEW));
        assertEquals(PROXYING, deployed.next());
        assertEquals(List.of("hello.localhost"), ((ProxyRequested) deployed.commands().get(0)).domains());

        Decision proxied = next(in(PROXYING, OLD), new ProxyConfigured(ID, "hello", 1, List.of("http://hello.localhost/")));
        assertEquals(SUCCEEDED, proxied.next());
        StopRequested stop = (StopRequested) proxied.commands().get(0);
        assertEquals(OLD, stop.release());
        assertEquals(OLD_CONFIG, stop.config(), "the replaced release's own pre_stop runs");
        DeploymentSucceeded succeeded = (DeploymentSucceeded) proxied.facts().get(0);
        assertEquals(4, succeeded.release());
        assertEquals(List.of("http://hello.localhost/"), succeeded.urls());
    }

    @Test
    void firstReleaseHasNothingToStop() {
        Decision proxied = next(in(PROXYING, null), new ProxyConfigured(ID, "hello", 1, List.of()));
        assertEquals(SUCCEEDED, proxied.next());
        assertTrue(proxied.commands().isEmpty());
    }

    @Test
    void failuresBeforeTheProxySwitchedEndTheDeploymentWithTheReason() {
        Decision build = next(in(BUILDING, OLD), new BuildFailed(ID, "hello", 1, "npm failed"));
        assertEquals(FAILED, build.next());
        assertEquals(new DeploymentFailed(ID, "hello", 1, "build", "npm failed"), build.facts().get(0));
        assertTrue(build.commands().isEmpty());

        Decision deploy = next(in(DEPLOYING, OLD), new DeployFailed(ID, "hello", 1, "health check"));
        assertEquals(FAILED, deploy.next());
        assertTrue(deploy.commands().isEmpty(), "the deployer already stopped what it started; the old release is untouched");
    }

    @Test
    void aFailedProxyStopsTheNewReleaseNotTheServingOne() {
        Decision proxy = next(in(PROXYING, OLD), new ProxyFailed(ID, "hello", 1, "nginx -t failed"));
        assertEquals(FAILED, proxy.next());
        assertEquals(NEW, ((StopRequested) proxy.commands().get(0)).release());
        assertInstanceOf(DeploymentFailed.class, proxy.facts().get(0));
    }

    @Test
    void lateDuplicateAndOutOfOrderFactsAreIgnored() {
        Decision late = next(in(BUILDING, OLD), new Built(ID, "hello", 0, ARTIFACT));
        assertTrue(late.ignored());
        assertEquals(BUILDING, late.next());

        Decision afterEnd = next(in(SUCCEEDED, OLD), new DeployFailed(ID, "hello", 1, "x"));
        assertTrue(afterEnd.ignored());
        assertTrue(afterEnd.commands().isEmpty() && afterEnd.facts().isEmpty());

        Decision duplicate = next(in(DEPLOYING, OLD), new Built(ID, "hello", 1, ARTIFACT));
        assertTrue(duplicate.ignored());
        assertFalse(next(in(BUILDING, OLD), new Built(ID, "hello", 1, ARTIFACT)).ignored());
    }

    @Test
    void aStagePastItsDeadlineIsIssuedAgainWithTheNextAttemptAfterABackOff() {
        Decision first = next(in(DEPLOYING, 1, OLD), new StageTimedOut(ID, "hello", 1, "deploy"));
        assertEquals(DEPLOYING, first.next());
        assertEquals(2, first.attempt());
        DeployRequested again = (DeployRequested) first.commands().get(0);
        assertEquals(2, again.attempt());
        assertEquals(ARTIFACT, again.artifact());
        assertEquals(Duration.ofSeconds(5), first.delay());

        Decision second = next(in(DEPLOYING, 2, OLD), new StageTimedOut(ID, "hello", 2, "deploy"));
        assertEquals(3, second.attempt());
        assertEquals(Duration.ofSeconds(8), second.delay(), "doubled, then capped");
    }

    @Test
    void outOfAttemptsTheDeploymentFailsSayingWhy() {
        Decision build = next(in(BUILDING, 3, OLD), new StageTimedOut(ID, "hello", 3, "build"));
        assertEquals(FAILED, build.next());
        assertEquals(new DeploymentFailed(ID, "hello", 3, "build", "no build worker answered within 20 min, 3 attempts"),
                build.facts().get(0));

        Decision proxy = next(in(PROXYING, 3, OLD), new StageTimedOut(ID, "hello", 3, "proxy"));
        assertEquals(FAILED, proxy.next());
        assertEquals(NEW, ((StopRequested) proxy.commands().get(0)).release(), "the new release does not stay up");
        assertTrue(((DeploymentFailed) proxy.facts().get(0)).reason().contains("within 90 s"));
    }

    @Test
    void aDeadlineThatIsNoLongerCurrentChangesNothing() {
        assertTrue(next(in(DEPLOYING, 2, OLD), new StageTimedOut(ID, "hello", 1, "deploy")).ignored());
        assertTrue(next(in(DEPLOYING, 1, OLD), new StageTimedOut(ID, "hello", 1, "build")).ignored());
        assertTrue(next(in(SUCCEEDED, 1, OLD), new StageTimedOut(ID, "hello", 1, "proxy")).ignored());
    }

    @Test
    void aReleaseDeployedByALateAttemptIsStopped() {
        DeploymentInfo late = DeploymentInfo.upstream("hello", ID.toString(), "process", "127.0.0.1", 20003, Map.of());

        Decision decision = next(in(DEPLOYING, 2, OLD), new Deployed(ID, "hello", 1, late));

        assertTrue(decision.ignored());
        assertEquals(DEPLOYING, decision.next());
        assertEquals(late, ((StopRequested) decision.commands().get(0)).release());
        assertTrue(next(in(PROXYING, 1, OLD), new Deployed(ID, "hello", 1, NEW)).commands().isEmpty(),
                "the release the deployment goes on with is not stopped");
    }

    @Test
    void aPostDeployHookRunsBeforeTheDeploymentSucceeds() {
        Decision proxied = next(in(PROXYING, 1, OLD, WITH_POST_DEPLOY, null),
                new ProxyConfigured(ID, "hello", 1, List.of("http://hello.localhost/")));
        assertEquals(DeploymentState.FINISHING, proxied.next());
        HookRequested hook = (HookRequested) proxied.commands().get(0);
        assertEquals("post_deploy", hook.hook());
        assertEquals(NEW, hook.release());

        Decision done = next(in(DeploymentState.FINISHING, 1, OLD, WITH_POST_DEPLOY, null),
                new HookCompleted(ID, "hello", 1, "post_deploy"));
        assertEquals(SUCCEEDED, done.next());
        assertEquals(OLD, ((StopRequested) done.commands().get(0)).release());
        assertEquals(List.of("http://hello.localhost/"), ((DeploymentSucceeded) done.facts().get(0)).urls());
    }

    @Test
    void aFailedPostDeployHookRoutesBackToThePreviousReleaseThenStopsTheNewOne() {
        Decision failed = next(in(DeploymentState.FINISHING, 1, OLD, WITH_POST_DEPLOY, null),
                new HookFailed(ID, "hello", 1, "post_deploy", "exit code 3"));
        assertEquals(DeploymentState.ROLLING_BACK, failed.next());
        assertEquals(OLD, ((ProxyRequested) failed.commands().get(0)).release());
        assertEquals("post_deploy hook failed: exit code 3", failed.error());
        assertTrue(failed.facts().isEmpty(), "not over yet: the stream goes on");

        Decision back = next(in(DeploymentState.ROLLING_BACK, 1, OLD, WITH_POST_DEPLOY, failed.error()),
                new ProxyConfigured(ID, "hello", 1, List.of()));
        assertEquals(DeploymentState.ROLLED_BACK, back.next());
        StopRequested stop = (StopRequested) back.commands().get(0);
        assertEquals(NEW, stop.release());
        assertEquals(WITH_POST_DEPLOY, stop.config());
        assertEquals(new DeploymentFailed(ID, "hello", 1, "post_deploy",
                "post_deploy hook failed: exit code 3; rolled back to the previous release"), back.facts().get(0));
    }

    @Test
    void withNothingToRollBackToAFailedHookStopsTheNewRelease() {
        Decision failed = next(in(DeploymentState.FINISHING, 1, null, WITH_POST_DEPLOY, null),
                new HookFailed(ID, "hello", 1, "post_deploy", "exit code 3"));
        assertEquals(FAILED, failed.next());
        assertEquals(NEW, ((StopRequested) failed.commands().get(0)).release());
        assertTrue(((DeploymentFailed) failed.facts().get(0)).reason().endsWith("no earlier release to go back to"));
    }

    @Test
    void aRollbackThatCannotRouteBackLeavesTheNewReleaseServing() {
        Decision failed = next(in(DeploymentState.ROLLING_BACK, 1, OLD, WITH_POST_DEPLOY, "post_deploy hook failed: x"),
                new ProxyFailed(ID, "hello", 1, "nginx -t failed"));
        assertEquals(FAILED, failed.next());
        assertTrue(failed.commands().isEmpty(), "nothing is stopped: the new release is what serves");
        assertEquals("rollback", ((DeploymentFailed) failed.facts().get(0)).stage());
    }

    @Test
    void aDeploymentThatReusesAnArtifactSkipsTheBuild() {
        DeploymentSnapshot rollback = new DeploymentSnapshot(ID, "hello", REQUESTED, 1, AppConfig.empty(),
                Path.of("/s.tar.gz"), ARTIFACT, null, List.of(), null, null, List.of("hello.localhost"), 5, Set.of());

        Decision decision = next(rollback, new DeploymentRequested(ID, "hello", 1, "rollback to release 2"));

        assertEquals(DEPLOYING, decision.next());
        assertEquals(ARTIFACT, ((DeployRequested) decision.commands().get(0)).artifact());
    }

    private static final Set<String> PLUGINS_BEFORE_DEPLOY = Set.of("post_build", "pre_deploy");

    @Test
    void withoutSubscribersTheHookPointsCostNoRoundTrip() {
        assertEquals(DEPLOYING, next(in(BUILDING, OLD), new Built(ID, "hello", 1, ARTIFACT)).next());
        Decision proxied = next(in(PROXYING, 1, OLD, AppConfig.empty(), null, Set.of("pre_stop", "app_created")),
                new ProxyConfigured(ID, "hello", 1, List.of()));
        assertEquals(SUCCEEDED, proxied.next(), "a plugin subscribed elsewhere does not bring post_deploy in");
    }

    @Test
    void aPluginSubscribedToPostBuildAndPreDeployRunsThemBetweenBuildAndDeploy() {
        Decision built = next(in(BUILDING, 1, OLD, AppConfig.empty(), null, PLUGINS_BEFORE_DEPLOY),
                new Built(ID, "hello", 1, ARTIFACT));
        assertEquals(DeploymentState.POST_BUILD, built.next());
        HookRequested postBuild = (HookRequested) built.commands().get(0);
        assertEquals("post_build", postBuild.hook());
        assertEquals(ARTIFACT, postBuild.artifact());
        assertEquals(ID.toString(), postBuild.release().releaseId(), "the release to be has the deployment's id");
        assertEquals(0, postBuild.release().upstreamPort(), "nothing listens yet");
        assertEquals("true", postBuild.release().attributes().get("pending"));

        Decision afterPostBuild = next(in(DeploymentState.POST_BUILD, 1, OLD, AppConfig.empty(), null,
                PLUGINS_BEFORE_DEPLOY), new HookCompleted(ID, "hello", 1, "post_build"));
        assertEquals(DeploymentState.PRE_DEPLOY, afterPostBuild.next());
        assertEquals("pre_deploy", ((HookRequested) afterPostBuild.commands().get(0)).hook());

        Decision afterPreDeploy = next(in(DeploymentState.PRE_DEPLOY, 1, OLD, AppConfig.empty(), null,
                PLUGINS_BEFORE_DEPLOY), new HookCompleted(ID, "hello", 1, "pre_deploy"));
        assertEquals(DEPLOYING, afterPreDeploy.next());
        assertEquals(ARTIFACT, ((DeployRequested) afterPreDeploy.commands().get(0)).artifact());
    }

    @Test
    void theAppsOwnPreDeployHookAloneBringsThePointIn() {
        Decision built = next(in(BUILDING, 1, OLD, hooks(Map.of("pre_deploy", "./migrate")), null),
                new Built(ID, "hello", 1, ARTIFACT));
        assertEquals(DeploymentState.PRE_DEPLOY, built.next());
    }

    @Test
    void aFailingPostBuildIsReportedAndTheDeploymentGoesOn() {
        Decision failed = next(in(DeploymentState.POST_BUILD, 1, OLD, AppConfig.empty(), null, Set.of("post_build")),
                new HookFailed(ID, "hello", 1, "post_build", "subscriber scanner: found a vulnerability"));
        assertEquals(DEPLOYING, failed.next(), "post_build does not veto");
        assertTrue(failed.facts().isEmpty());
    }

    @Test
    void aFailingPreDeployVetoesTheDeploymentAndStopsNothing() {
        Decision failed = next(in(DeploymentState.PRE_DEPLOY, 1, OLD, AppConfig.empty(), null, Set.of("pre_deploy")),
                new HookFailed(ID, "hello", 1, "pre_deploy", "subscriber gate: frozen"));
        assertEquals(FAILED, failed.next());
        assertTrue(failed.commands().isEmpty(), "nothing was started, and the previous release keeps serving");
        DeploymentFailed fact = (DeploymentFailed) failed.facts().get(0);
        assertEquals("pre_deploy", fact.stage());
        assertTrue(fact.reason().contains("gate: frozen") && fact.reason().endsWith("the previous release keeps serving"),
                fact.reason());
    }

    @Test
    void aHookAnswerOfAnotherPointDoesNotApply() {
        Decision late = next(in(DeploymentState.PRE_DEPLOY, 1, OLD, AppConfig.empty(), null, PLUGINS_BEFORE_DEPLOY),
                new HookCompleted(ID, "hello", 1, "post_build"));
        assertTrue(late.ignored(), "a redelivered post_build answer is not pre_deploy's");
        assertEquals(DeploymentState.PRE_DEPLOY, late.next());
    }

    @Test
    void aTimedOutPostBuildGoesOnAndATimedOutPreDeployFails() {
        Decision postBuild = next(in(DeploymentState.POST_BUILD, 3, OLD, AppConfig.empty(), null, Set.of("post_build")),
                new StageTimedOut(ID, "hello", 3, "hook"));
        assertEquals(DEPLOYING, postBuild.next());
        Decision retried = next(in(DeploymentState.PRE_DEPLOY, 1, OLD, AppConfig.empty(), null, Set.of("pre_deploy")),
                new StageTimedOut(ID, "hello", 1, "hook"));
        assertEquals("pre_deploy", ((HookRequested) retried.commands().get(0)).hook());
        assertEquals(2, retried.attempt());
        Decision preDeploy = next(in(DeploymentState.PRE_DEPLOY, 3, OLD, AppConfig.empty(), null, Set.of("pre_deploy")),
                new StageTimedOut(ID, "hello", 3, "hook"));
        assertEquals(FAILED, preDeploy.next());
    }

    @Test
    void aReleaseRunAgainGoesThroughPreDeployButNotPostBuild() {
        DeploymentSnapshot rerun = new DeploymentSnapshot(ID, "hello", REQUESTED, 1, AppConfig.empty(),
                Path.of("/s.tar.gz"), ARTIFACT, null, List.of(), null, null, List.of("hello.localhost"), 5,
                PLUGINS_BEFORE_DEPLOY);

        Decision decision = next(rerun, new DeploymentRequested(ID, "hello", 1, "config change"));

        assertEquals(DeploymentState.PRE_DEPLOY, decision.next());
    }

    @Test
    void aPluginSubscribedToPostDeployBringsItInWithoutTheAppConfiguringIt() {
        Decision proxied = next(in(PROXYING, 1, OLD, AppConfig.empty(), null, Set.of("post_deploy")),
                new ProxyConfigured(ID, "hello", 1, List.of()));
        assertEquals(DeploymentState.FINISHING, proxied.next());
        assertEquals(NEW, ((HookRequested) proxied.commands().get(0)).release());
    }

    @Test
    void everyStateThatRunsAStageEndsItsLastAttemptsDeadlineAndRetriesAnEarlierOne() {
        for (DeploymentState state : DeploymentState.values()) {
            if (state.stage() == null) {
                continue;
            }
            DeploymentSnapshot last = in(state, 3, OLD, WITH_POST_DEPLOY, "post_deploy hook failed: x");
            Decision ended = next(last, new StageTimedOut(ID, "hello", 3, state.stage().wire()));
            assertFalse(ended.ignored(), state + ": " + ended.ignoredBecause());
            assertTrue(ended.next() != state, state + " moves on when its last attempt is overdue");

            Decision retried = next(in(state, 1, OLD, WITH_POST_DEPLOY, "post_deploy hook failed: x"),
                    new StageTimedOut(ID, "hello", 1, state.stage().wire()));
            assertEquals(state, retried.next());
            assertEquals(2, retried.attempt());
            assertEquals(state.stage(), Stage.of(retried.commands().get(0)), state + " issues its own stage again");
            assertInstanceOf(Decision.Deadline.In.class, retried.deadline());
        }
    }
}
