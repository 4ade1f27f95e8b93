package dev.slipway.orchestrator.workflow;

import dev.slipway.api.event.CancelRequested;
import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeploymentCancelled;
import java.time.Duration;
import java.util.List;

/**
 * Cancelling a deployment, as a pure function. A waiting one is dropped. A running one ends at
 * once: the workers are told to kill its stage ({@link CancelRequested}), and a release its
 * deployer still starts is stopped when its late {@code Deployed} comes in ({@link Workflow}'s
 * rule for late answers), so the previous release keeps serving throughout. Once the proxy is
 * being switched to the new release it is too late: rolling back is the way then.
 *
 * <pre>
 * QUEUED, REQUESTED                          → CANCELLED                           ! DeploymentCancelled
 * BUILDING, POST_BUILD, PRE_DEPLOY, DEPLOYING → CANCELLED : CancelRequested(stage) ! DeploymentCancelled
 * PROXYING, FINISHING, ROLLING_BACK, ended   → refused, saying why
 * </pre>
 */
public final class Cancellation {

    private Cancellation() {
    }

    /** @param reason who or what cancels it, as the user reads it */
    public static Decision cancel(DeploymentSnapshot d, String reason) {
        DeploymentState state = d.state();
        if (state.isTerminal()) {
            return refuse(d, "it has ended (" + state + ")");
        }
        if (state == DeploymentState.PROXYING || state == DeploymentState.FINISHING
                || state == DeploymentState.ROLLING_BACK) {
            return refuse(d, "the proxy is being switched to its release or back (" + state
                    + "); once it has ended, roll back instead");
        }
        List<Command> kill = state.stage() == null ? List.of()
                : List.of(new CancelRequested(d.id(), d.app(), d.attempt(), state.stage().wire()));
        return new Decision(DeploymentState.CANCELLED, d.attempt(), kill,
                List.of(new DeploymentCancelled(d.id(), d.app(), d.attempt(), state.name(), reason)), Duration.ZERO,
                null, null);
    }

    private static Decision refuse(DeploymentSnapshot d, String because) {
        return new Decision(d.state(), d.attempt(), List.of(), List.of(), Duration.ZERO, d.error(), because);
    }
}
