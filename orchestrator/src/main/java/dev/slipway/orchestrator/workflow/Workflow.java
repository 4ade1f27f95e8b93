package dev.slipway.orchestrator.workflow;

import static dev.slipway.orchestrator.workflow.DeploymentState.BUILDING;
import static dev.slipway.orchestrator.workflow.DeploymentState.DEPLOYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.FAILED;
import static dev.slipway.orchestrator.workflow.DeploymentState.PROXYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.REQUESTED;
import static dev.slipway.orchestrator.workflow.DeploymentState.SUCCEEDED;

import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.event.BuildFailed;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.BuildStarted;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeployFailed;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.DeployStarted;
import dev.slipway.api.event.Deployed;
import dev.slipway.api.event.DeploymentFailed;
import dev.slipway.api.event.DeploymentRequested;
import dev.slipway.api.event.DeploymentSucceeded;
import dev.slipway.api.event.ProxyConfigured;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.api.event.ProxyStarted;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.api.event.StageTimedOut;
import dev.slipway.api.event.StopRequested;
import java.time.Duration;
import java.util.List;

/**
 * The deployment process as a pure function: {@code next(snapshot, event, policy)} gives the next
 * state and the commands to issue. No I/O, no clock. Attempts count per stage, from 1.
 *
 * <pre>
 * REQUESTED + DeploymentRequested → BUILDING  : BuildRequested
 * BUILDING  + Built               → DEPLOYING : DeployRequested
 * DEPLOYING + Deployed            → PROXYING  : ProxyRequested
 * PROXYING  + ProxyConfigured     → SUCCEEDED : StopRequested(the release it replaces)  ! DeploymentSucceeded
 * BUILDING  + BuildFailed         → FAILED                                               ! DeploymentFailed
 * DEPLOYING + DeployFailed        → FAILED    (the deployer left nothing running)        ! DeploymentFailed
 * PROXYING  + ProxyFailed         → FAILED    : StopRequested(the new release)           ! DeploymentFailed
 * any stage + StageTimedOut       → same stage, next attempt, after a back-off : the stage's command again
 *                                   or, out of attempts, FAILED (+ stop the new release when proxying)
 * any stage + its *Started        → unchanged
 * </pre>
 *
 * Anything else — an answer to an older attempt or stage, a fact after the end — is ignored and
 * says why; a release deployed by such a late answer is stopped, so nothing stray keeps running.
 */
public final class Workflow {

    private Workflow() {
    }

    public static Decision next(DeploymentSnapshot d, SlipwayEvent event, StagePolicy policy) {
        if (event instanceof DeploymentRequested) {
            return d.state() == REQUESTED ? to(BUILDING, 1, build(d, 1)) : ignore(d, "it was requested already");
        }
        if (event instanceof StageTimedOut timedOut) {
            return timedOut(d, timedOut, policy);
        }
        String stage = stageOf(event);
        if (stage == null || !stage.equals(d.state().stage()) || event.attempt() != d.attempt()) {
            return stray(d, event);
        }
        if (event instanceof BuildStarted || event instanceof DeployStarted || event instanceof ProxyStarted) {
            return new Decision(d.state(), d.attempt(), List.of(), List.of(), Duration.ZERO, null);
        }
        if (event instanceof Built built) {
            return to(DEPLOYING, 1, new DeployRequested(d.id(), d.app(), 1, built.artifact(), d.config()));
        }
        if (event instanceof Deployed deployed) {
            return to(PROXYING, 1, new ProxyRequested(d.id(), d.app(), 1, deployed.release(), d.domains()));
        }
        if (event instanceof ProxyConfigured configured) {
            List<Command> commands = d.previousRelease() == null ? List.of()
                    : List.of(stop(d, d.previousRelease(), "replaced by release " + d.nextVersion()));
            return new Decision(SUCCEEDED, d.attempt(), commands,
                    List.of(new DeploymentSucceeded(d.id(), d.app(), d.attempt(), d.nextVersion(), configured.urls())),
                    Duration.ZERO, null);
        }
        if (event instanceof BuildFailed failed) {
            return fail(d, failed.reason(), null);
        }
        if (event instanceof DeployFailed failed) {
            return fail(d, failed.reason(), null);
        }
        if (event instanceof ProxyFailed failed) {
            return fail(d, failed.reason(), stop(d, d.release(), "its proxy configuration failed"));
        }
        return stray(d, event);
    }

    /** The stage a command asks for or a worker's fact answers; {@code null} for the others. */
    public static String stageOf(SlipwayEvent event) {
        if (event instanceof BuildRequested || event instanceof BuildStarted || event instanceof Built
                || event instanceof BuildFailed) {
            return BUILDING.stage();
        }
        if (event instanceof DeployRequested || event instanceof DeployStarted || event instanceof Deployed
                || event instanceof DeployFailed) {
            return DEPLOYING.stage();
        }
        if (event instanceof ProxyRequested || event instanceof ProxyStarted || event instanceof ProxyConfigured
                || event instanceof ProxyFailed) {
            return PROXYING.stage();
        }
        return null;
    }

    private static Decision timedOut(DeploymentSnapshot d, StageTimedOut timedOut, StagePolicy policy) {
        String stage = d.state().stage();
        if (!timedOut.stage().equals(stage) || timedOut.attempt() != d.attempt()) {
            return ignore(d, "the deadline of " + timedOut.stage() + " attempt " + timedOut.attempt() + " is moot");
        }
        if (d.attempt() < policy.maxAttempts()) {
            int attempt = d.attempt() + 1;
            return new Decision(d.state(), attempt, List.of(command(d, attempt)), List.of(), policy.backoff(d.attempt()),
                    null);
        }
        String reason = "no " + stage + " worker answered within " + human(policy.timeout(stage)) + ", "
                + d.attempt() + " attempt" + (d.attempt() == 1 ? "" : "s");
        return fail(d, reason, d.state() == PROXYING ? stop(d, d.release(), "its proxy stage timed out") : null);
    }

    private static Command command(DeploymentSnapshot d, int attempt) {
        return switch (d.state()) {
            case BUILDING -> build(d, attempt);
            case DEPLOYING -> new DeployRequested(d.id(), d.app(), attempt, d.artifact(), d.config());
            case PROXYING -> new ProxyRequested(d.id(), d.app(), attempt, d.release(), d.domains());
            default -> throw new IllegalStateException("no stage runs in state " + d.state());
        };
    }

    private static BuildRequested build(DeploymentSnapshot d, int attempt) {
        return new BuildRequested(d.id(), d.app(), attempt, d.source(), d.config());
    }

    private static Decision stray(DeploymentSnapshot d, SlipwayEvent event) {
        String because = event.getClass().getSimpleName() + " of " + stageOrNone(event) + " attempt " + event.attempt()
                + " does not apply to a deployment in state " + d.state() + ", attempt " + d.attempt();
        if (event instanceof Deployed late && !late.release().equals(d.release())) {
            return new Decision(d.state(), d.attempt(), List.of(stop(d, late.release(), "it answered too late")),
                    List.of(), Duration.ZERO, because + "; its release is stopped");
        }
        return ignore(d, because);
    }

    private static String stageOrNone(SlipwayEvent event) {
        String stage = stageOf(event);
        return stage == null ? "no stage" : stage;
    }

    private static Decision to(DeploymentState next, int attempt, Command command) {
        return new Decision(next, attempt, List.of(command), List.of(), Duration.ZERO, null);
    }

    private static Decision ignore(DeploymentSnapshot d, String because) {
        return new Decision(d.state(), d.attempt(), List.of(), List.of(), Duration.ZERO, because);
    }

    private static Decision fail(DeploymentSnapshot d, String reason, Command cleanUp) {
        return new Decision(FAILED, d.attempt(), cleanUp == null ? List.of() : List.of(cleanUp),
                List.of(new DeploymentFailed(d.id(), d.app(), d.attempt(), d.state().stage(), reason)), Duration.ZERO,
                null);
    }

    private static StopRequested stop(DeploymentSnapshot d, DeploymentInfo release, String reason) {
        return new StopRequested(d.id(), d.app(), d.attempt(), release, reason);
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
