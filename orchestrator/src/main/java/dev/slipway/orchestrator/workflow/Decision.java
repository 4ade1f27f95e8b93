package dev.slipway.orchestrator.workflow;

import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeploymentEvent;
import java.time.Duration;
import java.util.List;

/**
 * What follows an event: the deployment's next state and stage attempt, the commands to publish
 * (after {@code delay}), the facts the orchestrator records about the deployment as a whole, what
 * went wrong so far ({@code error}, kept on the deployment while it rolls back), and what becomes
 * of its stage deadline. An ignored event changes neither state nor projections; it may still stop
 * a stray release.
 */
public record Decision(DeploymentState next, int attempt, List<Command> commands, List<DeploymentEvent> facts,
                       Duration delay, String error, String ignoredBecause, Deadline deadline) {

    public Decision {
        commands = List.copyOf(commands);
        facts = List.copyOf(facts);
    }

    public boolean ignored() {
        return ignoredBecause != null;
    }

    /** What becomes of the deployment's stage deadline. */
    public sealed interface Deadline {
        Deadline NONE = new None();
        Deadline UNCHANGED = new Unchanged();

        /** No stage runs: no deadline. */
        record None() implements Deadline {
        }

        /** The stage's attempt goes on, or waits for a fact: its deadline stays. */
        record Unchanged() implements Deadline {
        }

        /** A command of the stage is issued: it is overdue this long from now (its delay and the stage's timeout). */
        record In(Duration duration) implements Deadline {
        }
    }

    /** This decision with its deadline under {@code policy}: set anew when it issues its stage's command. */
    Decision timed(StagePolicy policy) {
        Stage stage = next.stage();
        Deadline decided = stage == null ? Deadline.NONE
                : commands.stream().anyMatch(c -> Stage.of(c) == stage) ? new Deadline.In(delay.plus(policy.timeout(stage)))
                : Deadline.UNCHANGED;
        return new Decision(next, attempt, commands, facts, delay, error, ignoredBecause, decided);
    }
}
