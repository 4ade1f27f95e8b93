package dev.slipway.orchestrator.workflow;

import static dev.slipway.orchestrator.workflow.DeploymentState.BUILDING;
import static dev.slipway.orchestrator.workflow.DeploymentState.DEPLOYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.FAILED;
import static dev.slipway.orchestrator.workflow.DeploymentState.FINISHING;
import static dev.slipway.orchestrator.workflow.DeploymentState.POST_BUILD;
import static dev.slipway.orchestrator.workflow.DeploymentState.PRE_DEPLOY;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** The table above, as data: what each state does on each kind of event. */
    private static final Table TABLE = new Table()
            .on(REQUESTED, DeploymentRequested.class, (d, e, p) -> d.ahead() > 0 ? queued(d) : begin(d))
            .on(QUEUED, DeploymentDequeued.class, (d, e, p) -> d.ahead() > 0
                    ? ignore(d, d.ahead() + " deployments are still ahead of it") : begin(d))
            .stage(BUILDING, (d, why) -> end(FAILED, d, null, failed(d, Stage.BUILD.wire(), why)))
            .on(BUILDING, BuildStarted.class, Workflow::unchanged)
            .on(BUILDING, Built.class, (d, built, p) -> d.hasHook(HookPoints.POST_BUILD)
                    ? to(POST_BUILD, 1, hook(d, HookPoints.POST_BUILD, 1, built.artifact()))
                    : beforeDeploy(d, built.artifact()))
            .fails(BUILDING, BuildFailed.class)
            // post_build does not veto: a failure stays in its row.
            .stage(POST_BUILD, (d, why) -> beforeDeploy(d, d.artifact()))
            .on(POST_BUILD, HookCompleted.class, (d, e, p) -> beforeDeploy(d, d.artifact()))
            .fails(POST_BUILD, HookFailed.class)
            .stage(PRE_DEPLOY, Workflow::preDeployFailed)
            .on(PRE_DEPLOY, HookCompleted.class, (d, e, p) -> deploy(d, d.artifact()))
            .fails(PRE_DEPLOY, HookFailed.class)
            // The deployer leaves nothing running when it fails.
            .stage(DEPLOYING, (d, why) -> end(FAILED, d, null, failed(d, Stage.DEPLOY.wire(), why)))
            .on(DEPLOYING, DeployStarted.class, Workflow::unchanged)
            .on(DEPLOYING, Deployed.class, (d, deployed, p) -> to(PROXYING, 1,
                    new ProxyRequested(d.id(), d.app(), 1, deployed.release(), d.domains())))
            .fails(DEPLOYING, DeployFailed.class)
            .stage(PROXYING, (d, why) -> end(FAILED, d, stopNew(d, "its proxy stage failed"),
                    failed(d, Stage.PROXY.wire(), why)))
            .on(PROXYING, ProxyStarted.class, Workflow::unchanged)
            .on(PROXYING, ProxyConfigured.class, (d, configured, p) -> d.hasHook(POST_DEPLOY)
                    ? to(FINISHING, 1, postDeploy(d, 1)) : succeed(d, configured.urls()))
            .fails(PROXYING, ProxyFailed.class)
            .stage(FINISHING, Workflow::rollBack)
            .on(FINISHING, HookCompleted.class, (d, e, p) -> succeed(d, d.urls()))
            .fails(FINISHING, HookFailed.class)
            .stage(ROLLING_BACK, Workflow::rollBackFailed)
            .on(ROLLING_BACK, ProxyStarted.class, Workflow::unchanged)
            .on(ROLLING_BACK, ProxyConfigured.class, (d, e, p) -> end(ROLLED_BACK, d,
                    stopNew(d, "its deployment was rolled back"),
                    failed(d, POST_DEPLOY, d.error() + "; rolled back to the previous release")))
            .fails(ROLLING_BACK, ProxyFailed.class);

    private Workflow() {
    }

    /** The decision on {@code event}, its deadline included, under the server's policy with the app's over it. */
    public static Decision next(DeploymentSnapshot d, SlipwayEvent event, StagePolicy serverPolicy) {
        StagePolicy policy = serverPolicy.forApp(d.config().retry());
        Rule<SlipwayEvent> rule = answersCurrentStage(d, event) ? TABLE.rule(d.state(), event.getClass()) : null;
        return (rule == null ? stray(d, event) : rule.decide(d, event, policy)).timed(policy);
    }

    /**
     * Whether a worker's fact or a deadline is about the stage attempt now running, and a hook's
     * about the point its state runs (a late post_build answer is not pre_deploy's). Others pass.
     */
    private static boolean answersCurrentStage(DeploymentSnapshot d, SlipwayEvent event) {
        Stage stage = event instanceof StageTimedOut timedOut ? Stage.named(timedOut.stage()) : Stage.of(event);
        if (stage == null) {
            return !(event instanceof StageTimedOut);
        }
        String point = event instanceof HookCompleted completed ? completed.hook()
                : event instanceof HookFailed failed ? failed.hook() : null;
        return stage == d.state().stage() && event.attempt() == d.attempt()
                && (point == null || point.equals(d.state().point()));
    }

    /** What one row does with its event. */
    @FunctionalInterface
    private interface Rule<E extends SlipwayEvent> {
        Decision decide(DeploymentSnapshot d, E event, StagePolicy policy);
    }

    /** How a state's stage ends when it fails for good, or times out with no attempt left. */
    @FunctionalInterface
    private interface Failing {
        Decision fail(DeploymentSnapshot d, String why);
    }

    /** Rows keyed by state and event type; a stage's failure and timeout rows share its way of failing. */
    private static final class Table {
        private final Map<DeploymentState, Map<Class<?>, Rule<SlipwayEvent>>> rows = new EnumMap<>(DeploymentState.class);
        private final Map<DeploymentState, Failing> failing = new EnumMap<>(DeploymentState.class);

        <E extends SlipwayEvent> Table on(DeploymentState state, Class<E> type, Rule<? super E> rule) {
            Rule<SlipwayEvent> previous = rows.computeIfAbsent(state, s -> new HashMap<>())
                    .put(type, (d, event, policy) -> rule.decide(d, type.cast(event), policy));
            if (previous != null) {
                throw new IllegalStateException(state + " has two rows for " + type.getSimpleName());
            }
            return this;
        }

        /** A state that runs a stage: how it fails, and its deadline's row (the next attempt while any is left). */
        Table stage(DeploymentState state, Failing fails) {
            failing.put(state, fails);
            return on(state, StageTimedOut.class, (d, timedOut, policy) -> d.attempt() < policy.maxAttempts()
                    ? again(d, policy)
                    : fails.fail(d, labelled(d, "no " + state.stage().wire() + " worker answered within "
                            + human(policy.timeout(state.stage())) + ", " + d.attempt() + " attempt"
                            + (d.attempt() == 1 ? "" : "s"))));
        }

        /** A worker's failure of the state's stage: retried while retryable with attempts left, else the stage fails. */
        <E extends SlipwayEvent & StageFailure> Table fails(DeploymentState state, Class<E> type) {
            Failing fails = failing.get(state);
            if (fails == null) {
                throw new IllegalStateException(state + " fails before it is a stage's state");
            }
            return on(state, type, (d, failure, policy) -> failure.retryable() && d.attempt() < policy.maxAttempts()
                    ? again(d, policy)
                    : fails.fail(d, labelled(d, failure.retryable() ? failure.reason() + " (retryable, but attempt "
                            + d.attempt() + " was the last)" : failure.reason())));
        }

        Rule<SlipwayEvent> rule(DeploymentState state, Class<?> type) {
            return rows.getOrDefault(state, Map.of()).get(type);
        }
    }

    /** A hook's failure names its point: "pre_deploy hook failed: …". */
    private static String labelled(DeploymentSnapshot d, String why) {
        return d.state().point() == null ? why : d.state().point() + " hook failed: " + why;
    }

    /** The stage's command once more, as the next attempt, after the back-off. */
    private static Decision again(DeploymentSnapshot d, StagePolicy policy) {
        int attempt = d.attempt() + 1;
        return decision(d.state(), attempt, List.of(command(d, attempt)), List.of(), policy.backoff(d.attempt()),
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

    private static Decision queued(DeploymentSnapshot d) {
        return decision(QUEUED, d.attempt(), List.of(), List.of(new DeploymentQueued(d.id(), d.app(), d.attempt(),
                d.ahead())), Duration.ZERO, null, null);
    }

    /** The first stage: a build, or for an earlier release's artifact what follows a build. */
    private static Decision begin(DeploymentSnapshot d) {
        return d.artifact() == null ? to(BUILDING, 1, build(d, 1)) : beforeDeploy(d, d.artifact());
    }

    /** pre_deploy when it has subscribers, else straight to the deployer. */
    private static Decision beforeDeploy(DeploymentSnapshot d, BuildArtifact artifact) {
        return d.hasHook(HookPoints.PRE_DEPLOY)
                ? to(PRE_DEPLOY, 1, hook(d, HookPoints.PRE_DEPLOY, 1, artifact))
                : deploy(d, artifact);
    }

    private static Decision deploy(DeploymentSnapshot d, BuildArtifact artifact) {
        return to(DEPLOYING, 1, new DeployRequested(d.id(), d.app(), 1, artifact, d.config()));
    }

    /** A pre_deploy veto: nothing of this deployment runs, so nothing is stopped and nothing routed back. */
    private static Decision preDeployFailed(DeploymentSnapshot d, String why) {
        return end(FAILED, d, null, failed(d, HookPoints.PRE_DEPLOY, why + "; nothing was started"
                + (d.previous() == null ? "" : ", the previous release keeps serving")));
    }

    private static HookRequested hook(DeploymentSnapshot d, String point, int attempt, BuildArtifact artifact) {
        return new HookRequested(d.id(), d.app(), attempt, point, PendingRelease.of(d, artifact), artifact, d.config());
    }

    private static Decision succeed(DeploymentSnapshot d, List<String> urls) {
        List<Command> stops = d.previous() == null ? List.of() : List.of(new StopRequested(d.id(), d.app(), d.attempt(),
                d.previous().release(), "replaced by release " + d.nextVersion(), d.previous().artifact(),
                d.previous().config()));
        return decision(SUCCEEDED, d.attempt(), stops,
                List.of(new DeploymentSucceeded(d.id(), d.app(), d.attempt(), d.nextVersion(), urls)), Duration.ZERO,
                null, null);
    }

    /** Routes back to the release the app served before; without one, the new release just stops. */
    static Decision rollBack(DeploymentSnapshot d, String why) {
        if (d.previous() == null) {
            return end(FAILED, d, stopNew(d, why),
                    failed(d, POST_DEPLOY, why + "; there is no earlier release to go back to"));
        }
        return decision(ROLLING_BACK, 1,
                List.of(new ProxyRequested(d.id(), d.app(), 1, d.previous().release(), d.domains())), List.of(),
                Duration.ZERO, why, null);
    }

    private static Decision rollBackFailed(DeploymentSnapshot d, String why) {
        return end(FAILED, d, null, failed(d, "rollback", d.error() + "; routing back to the previous release failed too"
                + " (" + why + "), so the new release keeps serving"));
    }

    private static BuildRequested build(DeploymentSnapshot d, int attempt) {
        return new BuildRequested(d.id(), d.app(), attempt, d.source(), d.config());
    }

    private static HookRequested postDeploy(DeploymentSnapshot d, int attempt) {
        return new HookRequested(d.id(), d.app(), attempt, POST_DEPLOY, d.release(), d.artifact(), d.config());
    }

    /** An event no row of the current state takes: ignored, saying why; a late deployer's release is stopped. */
    private static Decision stray(DeploymentSnapshot d, SlipwayEvent event) {
        if (event instanceof StageTimedOut timedOut) {
            return ignore(d, "the deadline of " + timedOut.stage() + " attempt " + timedOut.attempt() + " is moot");
        }
        if (event instanceof DeploymentRequested) {
            return ignore(d, "it was requested already");
        }
        Stage stage = Stage.of(event);
        String because = event.getClass().getSimpleName() + " of " + (stage == null ? "no stage" : stage.wire()) + " attempt "
                + event.attempt() + " does not apply to a deployment in state " + d.state() + ", attempt " + d.attempt();
        if (event instanceof Deployed late && !late.release().equals(d.release())) {
            StopRequested stop = new StopRequested(d.id(), d.app(), event.attempt(), late.release(),
                    "it answered too late", d.artifact(), d.config());
            return decision(d.state(), d.attempt(), List.of(stop), List.of(), Duration.ZERO, d.error(),
                    because + "; its release is stopped");
        }
        return ignore(d, because);
    }

    static StopRequested stopNew(DeploymentSnapshot d, String reason) {
        return new StopRequested(d.id(), d.app(), d.attempt(), d.release(), reason, d.artifact(), d.config());
    }

    private static DeploymentFailed failed(DeploymentSnapshot d, String stage, String reason) {
        return new DeploymentFailed(d.id(), d.app(), d.attempt(), stage, reason);
    }

    private static Decision unchanged(DeploymentSnapshot d, SlipwayEvent started, StagePolicy policy) {
        return decision(d.state(), d.attempt(), List.of(), List.of(), Duration.ZERO, null, null);
    }

    private static Decision to(DeploymentState next, int attempt, Command command) {
        return decision(next, attempt, List.of(command), List.of(), Duration.ZERO, null, null);
    }

    private static Decision end(DeploymentState next, DeploymentSnapshot d, Command cleanUp, DeploymentEvent fact) {
        return decision(next, d.attempt(), cleanUp == null ? List.of() : List.of(cleanUp), List.of(fact),
                Duration.ZERO, null, null);
    }

    private static Decision ignore(DeploymentSnapshot d, String because) {
        return decision(d.state(), d.attempt(), List.of(), List.of(), Duration.ZERO, d.error(), because);
    }

    /** A decision before {@link Decision#timed}, which {@link #next} applies to every one. */
    private static Decision decision(DeploymentState next, int attempt, List<Command> commands,
                                     List<DeploymentEvent> facts, Duration delay, String error, String ignoredBecause) {
        return new Decision(next, attempt, commands, facts, delay, error, ignoredBecause, Decision.Deadline.UNCHANGED);
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
