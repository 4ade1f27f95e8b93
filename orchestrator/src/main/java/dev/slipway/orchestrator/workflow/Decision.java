package dev.slipway.orchestrator.workflow;

import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeploymentEvent;
import java.time.Duration;
import java.util.List;

/**
 * What follows an event: the deployment's next state and stage attempt, the commands to publish
 * (after {@code delay}), the facts the orchestrator records about the deployment as a whole, and
 * what went wrong so far ({@code error}, kept on the deployment while it rolls back).
 * An ignored event changes neither state nor projections; it may still stop a stray release.
 */
public record Decision(DeploymentState next, int attempt, List<Command> commands, List<DeploymentEvent> facts,
                       Duration delay, String error, String ignoredBecause) {

    public Decision {
        commands = List.copyOf(commands);
        facts = List.copyOf(facts);
    }

    public boolean ignored() {
        return ignoredBecause != null;
    }
}
