package dev.slipway.orchestrator.workflow;

import dev.slipway.api.event.CancelRequested;
import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeploymentCancelled;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cancelling a deployment, as a pure function. A waiting one is dropped. A running one ends at
 * once: the workers are told to kill its stage ({@link CancelRequested}), and a release its
 * deployer still starts is stopped when its late {@code Deployed} comes in ({@link Workflow}'s
 * rule for late answers), so the previous release keeps serving throughout. A post_deploy hook
 * runs when the new release already serves: cancelling it kills the hook and routes back to the
 * previous release, as its failure would (or, for a first release, stops it). While the proxy is
 * being switched it is too late: rolling back once it has ended is the way then.
 *
 * <pre>
 * QUEUED, REQUESTED                          → CANCELLED                           ! DeploymentCancelled
 * BUILDING, POST_BUILD, PRE_DEPLOY, DEPLOYING → CANCELLED : CancelRequested(stage) ! DeploymentCancelled
 * FINISHING                                  → ROLLING_BACK : CancelRequested(hook), ProxyRequested(previous)
 *                                            → CANCELLED : CancelRequested(hook), StopRequested(new)  when there is none
 * PROXYING, ROLLING_BACK, ended              → refused, saying why
 * </pre>
 */
public final class Cancellation {

    private Cancellation() {
    }

    /**
     * @param reason who or what cancels it, as the user reads it
     * @param serverPolicy the stages' timeouts, for the deadline of a rollback it starts
     */
    public static Decision cancel(DeploymentSnapshot d, String reason, StagePolicy serverPolicy) {
        DeploymentState state = d.state();
        if (state.isTerminal()) {
            return refuse(d, "it has ended (" + state + ")");
        }
        if (state == DeploymentState.PROXYING || state == DeploymentState.ROLLING_BACK) {
            return refuse(d, "the proxy is being switched to its release or back (" + state
                    + "); once it has ended, roll back instead");
        }
        List<Command> kill = state.stage() == null ? List.of()
                : List.of(new CancelRequested(d.id(), d.app(), d.attempt(), state.stage().wire()));
        if (state == DeploymentState.FINISHING && d.previous() != null) {
            // As a failed post_deploy: routed back, with the hook's kill issued first.
            Decision back = Workflow.rollBack(d, "hook killed, " + reason);
            return new Decision(back.next(), back.attempt(), concat(kill, back.commands()), back.facts(), back.delay(),
                    back.error(), null, Decision.Deadline.UNCHANGED).timed(serverPolicy.forApp(d.config().retry()));
        }
        List<Command> commands = state == DeploymentState.FINISHING
                ? concat(kill, List.of(Workflow.stopNew(d, "its deployment was cancelled"))) : kill;
        return new Decision(DeploymentState.CANCELLED, d.attempt(), commands,
                List.of(new DeploymentCancelled(d.id(), d.app(), d.attempt(), state.name(), reason)), Duration.ZERO,
                null, null, Decision.Deadline.NONE);
    }

    private static List<Command> concat(List<Command> first, List<Command> then) {
        return Stream.concat(first.stream(), then.stream()).toList();
    }

    private static Decision refuse(DeploymentSnapshot d, String because) {
        return new Decision(d.state(), d.attempt(), List.of(), List.of(), Duration.ZERO, d.error(), because,
                Decision.Deadline.UNCHANGED);
    }
}
