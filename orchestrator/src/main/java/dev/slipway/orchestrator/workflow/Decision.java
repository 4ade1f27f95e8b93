package dev.slipway.orchestrator.workflow;

import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeploymentEvent;
import java.util.List;

/**
 * What follows an event: the deployment's next state, the commands to publish, and the facts the
 * orchestrator records about the deployment as a whole. An ignored event changes nothing.
 */
public record Decision(DeploymentState next, List<Command> commands, List<DeploymentEvent> facts, String ignoredBecause) {

    public Decision {
        commands = List.copyOf(commands);
        facts = List.copyOf(facts);
    }

    static Decision to(DeploymentState next, List<Command> commands, List<DeploymentEvent> facts) {
        return new Decision(next, commands, facts, null);
    }

    static Decision ignore(DeploymentState current, String because) {
        return new Decision(current, List.of(), List.of(), because);
    }

    public boolean ignored() {
        return ignoredBecause != null;
    }
}
