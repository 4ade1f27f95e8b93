package dev.slipway.orchestrator.workflow;

import static dev.slipway.orchestrator.workflow.DeploymentState.BUILDING;
import static dev.slipway.orchestrator.workflow.DeploymentState.DEPLOYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.FAILED;
import static dev.slipway.orchestrator.workflow.DeploymentState.FINISHING;
import static dev.slipway.orchestrator.workflow.DeploymentState.PROXYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.QUEUED;
import static dev.slipway.orchestrator.workflow.DeploymentState.REQUESTED;
import static dev.slipway.orchestrator.workflow.DeploymentState.ROLLED_BACK;
import static dev.slipway.orchestrator.workflow.DeploymentState.ROLLING_BACK;
import static dev.slipway.orchestrator.workflow.DeploymentState.SUCCEEDED;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.HookPoints;
import dev.slipway.api.event.BuildFailed;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.BuildStarted;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeployFailed;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.DeployStarted;
import dev.slipway.api.event.Deployed;
import dev.slipway.api.event.DeploymentDequeued;
import dev.slipway.api.event.DeploymentEvent;
import dev.slipway.api.event.DeploymentFailed;
import dev.slipway.api.event.DeploymentQueued;
import dev.slipway.api.event.DeploymentRequested;
import dev.slipway.api.event.DeploymentSucceeded;
import dev.slipway.api.event.HookCompleted;
import dev.slipway.api.event.HookFailed;
import dev.slipway.api.event.HookRequested;
import dev.slipway.api.event.ProxyConfigured;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.api.event.ProxyStarted;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.api.event.StageFailure;
import dev.slipway.api.event.StageTimedOut;
import dev.slipway.api.event.StopRequested;
import java.time.Duration;
import java.util.List;

/**
 * The deployment process as a pure function: {@code next(snapshot, event, policy)} gives the next
 * state and the commands to issue. No I/O, no clock. Attempts count per stage, from 1.
 *
 * <pre>
 * REQUESTED    + DeploymentRequested → QUEUED       ! DeploymentQueued(position)   while earlier ones of the app run or wait
 *                                    → BUILDING     : BuildRequested
 *                                    → PRE_DEPLOY / DEPLOYING, as after the build, when it reuses a release's artifact
 * QUEUED       + DeploymentDequeued  → as REQUESTED + DeploymentRequested with none ahead (the one before it ended)
 * BUILDING     + Built               → POST_BUILD   : HookRequested(post_build)         when it has subscribers
 *                                    → PRE_DEPLOY   : HookRequested(pre_deploy)         when it has subscribers
 *                                    → DEPLOYING    : DeployRequested
 * POST_BUILD   + HookCompleted       → PRE_DEPLOY / DEPLOYING, as above
 * POST_BUILD   + HookFailed          → PRE_DEPLOY / DEPLOYING  (post_build does not veto: the failure stays in its row)
 * PRE_DEPLOY   + HookCompleted       → DEPLOYING    : DeployRequested
 * PRE_DEPLOY   + HookFailed          → FAILED       (nothing was started: the previous release keeps serving)  ! DeploymentFailed
 * DEPLOYING    + Deployed            → PROXYING     : ProxyRequested
 * PROXYING     + ProxyConfigured     → FINISHING    : HookRequested(post_deploy)        when it has subscribers
 *                                    → SUCCEEDED    : StopRequested(the release it replaces)  ! DeploymentSucceeded
 * FINISHING    + HookCompleted       → SUCCEEDED    : StopRequested(the release it replaces)  ! DeploymentSucceeded
 * FINISHING    + HookFailed          → ROLLING_BACK : ProxyRequested(the previous release)
 *                                    → FAILED       : StopRequested(new)   ! DeploymentFailed   when there is none
 * ROLLING_BACK + ProxyConfigured     → ROLLED_BACK  : StopRequested(new)   ! DeploymentFailed
 * ROLLING_BACK + ProxyFailed         → FAILED       (the new release keeps serving)  ! DeploymentFailed
 * BUILDING     + BuildFailed         → FAILED                              ! DeploymentFailed
 * DEPLOYING    + DeployFailed        → FAILED       (the deployer left nothing running)  ! DeploymentFailed
 * PROXYING     + ProxyFailed         → FAILED       : StopRequested(new)   ! DeploymentFailed
 * any stage    + StageTimedOut       → same stage, next attempt, after a back-off : the stage's command again;
 *                                      out of attempts, as if the stage had failed
 * any stage    + a retryable failure → the same, while attempts are left; then as the failure says above
 * any stage    + its *Started        → unchanged
 * </pre>
 *
 * Cancelling is not a worker's fact but a user's call: {@link Cancellation}.
 *
 * A point "has subscribers" when the app's {@code [hooks]} name it or an installed plugin of a live
 * worker subscribes to it ({@link DeploymentSnapshot#hasHook}); otherwise it costs nothing. At
 * post_build and pre_deploy no release runs yet: the hook gets the release to be ({@link PendingRelease}).
 * A stopped release runs its {@code pre_stop} subscribers first, on the worker that stops it.
 * Anything else — an answer to an older attempt, stage or hook point, a fact after the end — is
 * ignored and says why; a release deployed by such a late answer is stopped, so nothing stray keeps running.
 * The attempts and back-off are the server's {@code policy} with the app's {@code [retry]} over it.
 */
public final class Workflow {

    public static final String POST_DEPLOY = HookPoints.POST_DEPLOY;

    private Workflow() {
    }

    public static Decision next(DeploymentSnapshot d, SlipwayEvent event, StagePolicy serverPolicy) {
        StagePolicy policy = serverPolicy.forApp(d.config().retry());
        if (event instanceof DeploymentRequested) {
            if (d.state() != REQUESTED) {
                return ignore(d, "it was requested already");
            }
            if (d.ahead() > 0) {
                return new Decision(QUEUED, d.attempt(), List.of(),
                        List.of(new DeploymentQueued(d.id(), d.app(), d.attempt(), d.ahead())), Duration.ZERO, null, null);
            }
            return begin(d);
        }
        if (event instanceof DeploymentDequeued) {
            if (d.state() != QUEUED || d.ahead() > 0) {
                return ignore(d, d.state() != QUEUED ? "it is not queued" : d.ahead() + " deployments are still ahead of it");
            }
            return begin(d);
        }
        if (event instanceof StageTimedOut timedOut) {
            return timedOut(d, timedOut, policy);
        }
        Stage stage = Stage.of(event);
        if (stage == null || stage != d.state().stage() || event.attempt() != d.attempt()
                || !pointMatches(d, event)) {
            return stray(d, event);
        }
        if (event instanceof StageFailure failure && failure.retryable() && d.attempt() < policy.maxAttempts()) {
            return again(d, policy);
        }
        if (event instanceof BuildStarted || event instanceof DeployStarted || event instanceof ProxyStarted) {
            return new Decision(d.state(), d.attempt(), List.of(), List.of(), Duration.ZERO, null, null);
        }
        if (event instanceof Built built) {
            return d.hasHook(HookPoints.POST_BUILD)
                    ? to(DeploymentState.POST_BUILD, 1, hook(d, HookPoints.POST_BUILD, 1, built.artifact()))
                    : beforeDeploy(d, built.artifact());
        }
        if (d.state() == DeploymentState.POST_BUILD) {
            // HookCompleted or HookFailed: post_build does not veto, its row keeps the failure.
            return beforeDeploy(d, d.artifact());
        }
        if (d.state() == DeploymentState.PRE_DEPLOY) {
            return event instanceof HookFailed failed ? preDeployFailed(d, HookPoints.PRE_DEPLOY + " hook failed: "
                    + reason(d, failed)) : deploy(d, d.artifact());
        }
        if (event instanceof Deployed deployed) {
            return to(PROXYING, 1, new ProxyRequested(d.id(), d.app(), 1, deployed.release(), d.domains()));
        }
        if (event instanceof ProxyConfigured configured) {
            if (d.state() == ROLLING_BACK) {
                return end(ROLLED_BACK, d, stopNew(d, "its deployment was rolled back"),
                        failed(d, POST_DEPLOY, d.error() + "; rolled back to the previous release"));
            }
            return d.hasHook(POST_DEPLOY) ? to(FINISHING, 1, postDeploy(d, 1))
                    : succeed(d, configured.urls());
        }
        if (event instanceof HookCompleted) {
            return succeed(d, d.urls());
        }
        if (event instanceof HookFailed failed) {
            return rollBack(d, POST_DEPLOY + " hook failed: " + reason(d, failed));
        }
        if (event instanceof ProxyFailed failed && d.state() == ROLLING_BACK) {
            return rollBackFailed(d, reason(d, failed));
        }
        if (event instanceof BuildFailed failed) {
            return end(FAILED, d, null, failed(d, d.state().stage().wire(), reason(d, failed)));
        }
        if (event instanceof DeployFailed failed) {
            return end(FAILED, d, null, failed(d, d.state().stage().wire(), reason(d, failed)));
        }
        if (event instanceof ProxyFailed failed) {
            return end(FAILED, d, stopNew(d, "its proxy configuration failed"), failed(d, Stage.PROXY.wire(), reason(d, failed)));
        }
        return stray(d, event);
    }

    private static Decision timedOut(DeploymentSnapshot d, StageTimedOut timedOut, StagePolicy policy) {
        Stage stage = d.state().stage();
        if (Stage.named(timedOut.stage()) != stage || timedOut.attempt() != d.attempt()) {
            return ignore(d, "the deadline of " + timedOut.stage() + " attempt " + timedOut.attempt() + " is moot");
        }
        if (d.attempt() < policy.maxAttempts()) {
            return again(d, policy);
        }
        String reason = "no " + stage.wire() + " worker answered within " + human(policy.timeout(stage)) + ", "
                + d.attempt() + " attempt" + (d.attempt() == 1 ? "" : "s");
        return switch (d.state()) {
            case POST_BUILD -> beforeDeploy(d, d.artifact());
            case PRE_DEPLOY -> preDeployFailed(d, HookPoints.PRE_DEPLOY + " hook: " + reason);
            case FINISHING -> rollBack(d, POST_DEPLOY + " hook: " + reason);
            case ROLLING_BACK -> rollBackFailed(d, reason);
            case PROXYING -> end(FAILED, d, stopNew(d, "its proxy stage timed out"), failed(d, stage.wire(), reason));
            default -> end(FAILED, d, null, failed(d, stage.wire(), reason));
        };
    }

    /** Why a stage failed; a retryable failure that ends the deployment had no attempt left. */
    private static String reason(DeploymentSnapshot d, StageFailure failed) {
        return failed.retryable() ? failed.reason() + " (retryable, but attempt " + d.attempt() + " was the last)"
                : failed.reason();
    }

    /** The stage's command once more, as the next attempt, after the back-off. */
    private static Decision again(DeploymentSnapshot d, StagePolicy policy) {
        int attempt = d.attempt() + 1;
        return new Decision(d.state(), attempt, List.of(command(d, attempt)), List.of(), policy.backoff(d.attempt()),
                d.error(), null);
    }

    private static Command command(DeploymentSnapshot d, int attempt) {
        return switch (d.state()) {
            case BUILDING -> build(d, attempt);
            case DEPLOYING -> new DeployRequested(d.id(), d.app(), attempt, d.artifact(), d.config());
            case PROXYING -> new ProxyRequested(d.id(), d.app(), attempt, d.release(), d.domains());
            case POST_BUILD, PRE_DEPLOY -> hook(d, d.state().point(), attempt, d.artifact());
            case FINISHING -> postDeploy(d, attempt);
            case ROLLING_BACK -> new ProxyRequested(d.id(), d.app(), attempt, d.previous().release(), d.domains());
            default -> throw new IllegalStateException("no stage runs in state " + d.state());
        };
    }

    /** A hook event answers the point its state runs; one of another point (a late post_build) does not apply. */
    private static boolean pointMatches(DeploymentSnapshot d, SlipwayEvent event) {
        String point = event instanceof HookCompleted completed ? completed.hook()
                : event instanceof HookFailed failed ? failed.hook() : null;
        return point == null || point.equals(d.state().point());
    }

    /** The first stage: a build, or for an earlier release's artifact what follows a build. */
    private static Decision begin(DeploymentSnapshot d) {
        return d.artifact() == null ? to(BUILDING, 1, build(d, 1)) : beforeDeploy(d, d.artifact());
    }

    /** pre_deploy when it has subscribers, else straight to the deployer. */
    private static Decision beforeDeploy(DeploymentSnapshot d, BuildArtifact artifact) {
        return d.hasHook(HookPoints.PRE_DEPLOY)
                ? to(DeploymentState.PRE_DEPLOY, 1, hook(d, HookPoints.PRE_DEPLOY, 1, artifact))
                : deploy(d, artifact);
    }

    private static Decision deploy(DeploymentSnapshot d, BuildArtifact artifact) {
        return to(DEPLOYING, 1, new DeployRequested(d.id(), d.app(), 1, artifact, d.config()));
    }

    /** A pre_deploy veto: nothing of this deployment runs, so nothing is stopped and nothing routed back. */
    private static Decision preDeployFailed(DeploymentSnapshot d, String reason) {
        return end(FAILED, d, null, failed(d, HookPoints.PRE_DEPLOY, reason + "; nothing was started"
                + (d.previous() == null ? "" : ", the previous release keeps serving")));
    }

    private static HookRequested hook(DeploymentSnapshot d, String point, int attempt, BuildArtifact artifact) {
        return new HookRequested(d.id(), d.app(), attempt, point, PendingRelease.of(d, artifact), artifact, d.config());
    }

    private static Decision succeed(DeploymentSnapshot d, List<String> urls) {
        List<Command> stops = d.previous() == null ? List.of() : List.of(new StopRequested(d.id(), d.app(), d.attempt(),
                d.previous().release(), "replaced by release " + d.nextVersion(), d.previous().artifact(),
                d.previous().config()));
        return new Decision(SUCCEEDED, d.attempt(), stops,
                List.of(new DeploymentSucceeded(d.id(), d.app(), d.attempt(), d.nextVersion(), urls)), Duration.ZERO,
                null, null);
    }

    /** Routes back to the release the app served before; without one, the new release just stops. */
    private static Decision rollBack(DeploymentSnapshot d, String reason) {
        if (d.previous() == null) {
            return end(FAILED, d, stopNew(d, reason),
                    failed(d, POST_DEPLOY, reason + "; there is no earlier release to go back to"));
        }
        return new Decision(ROLLING_BACK, 1,
                List.of(new ProxyRequested(d.id(), d.app(), 1, d.previous().release(), d.domains())), List.of(),
                Duration.ZERO, reason, null);
    }

    private static Decision rollBackFailed(DeploymentSnapshot d, String reason) {
        return end(FAILED, d, null, failed(d, "rollback", d.error() + "; routing back to the previous release failed too"
                + " (" + reason + "), so the new release keeps serving"));
    }

    private static BuildRequested build(DeploymentSnapshot d, int attempt) {
        return new BuildRequested(d.id(), d.app(), attempt, d.source(), d.config());
    }

    private static HookRequested postDeploy(DeploymentSnapshot d, int attempt) {
        return new HookRequested(d.id(), d.app(), attempt, POST_DEPLOY, d.release(), d.artifact(), d.config());
    }

    private static Decision stray(DeploymentSnapshot d, SlipwayEvent event) {
        Stage stage = Stage.of(event);
        String because = event.getClass().getSimpleName() + " of " + (stage == null ? "no stage" : stage.wire()) + " attempt "
                + event.attempt() + " does not apply to a deployment in state " + d.state() + ", attempt " + d.attempt();
        if (event instanceof Deployed late && !late.release().equals(d.release())) {
            StopRequested stop = new StopRequested(d.id(), d.app(), event.attempt(), late.release(),
                    "it answered too late", d.artifact(), d.config());
            return new Decision(d.state(), d.attempt(), List.of(stop), List.of(), Duration.ZERO, d.error(),
                    because + "; its release is stopped");
        }
        return ignore(d, because);
    }

    private static StopRequested stopNew(DeploymentSnapshot d, String reason) {
        return new StopRequested(d.id(), d.app(), d.attempt(), d.release(), reason, d.artifact(), d.config());
    }

    private static DeploymentFailed failed(DeploymentSnapshot d, String stage, String reason) {
        return new DeploymentFailed(d.id(), d.app(), d.attempt(), stage, reason);
    }

    private static Decision to(DeploymentState next, int attempt, Command command) {
        return new Decision(next, attempt, List.of(command), List.of(), Duration.ZERO, null, null);
    }

    private static Decision end(DeploymentState next, DeploymentSnapshot d, Command cleanUp, DeploymentEvent fact) {
        return new Decision(next, d.attempt(), cleanUp == null ? List.of() : List.of(cleanUp), List.of(fact),
                Duration.ZERO, null, null);
    }

    private static Decision ignore(DeploymentSnapshot d, String because) {
        return new Decision(d.state(), d.attempt(), List.of(), List.of(), Duration.ZERO, d.error(), because);
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
