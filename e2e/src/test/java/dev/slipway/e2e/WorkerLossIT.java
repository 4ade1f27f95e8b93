package dev.slipway.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build worker killed with {@code kill -9} mid-build: a worker started again takes the stage up
 * (the unacknowledged command is delivered again), and the deployment succeeds with one release. With
 * Kafka's default 45 s session timeout the stage waited so long that its deadline issued a second
 * attempt beside the redelivered first; each came to at most one build, and one release. How long the stage waited is printed, never asserted: it is a figure, not a behaviour.
 */
@ExtendWith(SlipwayStack.class)
class WorkerLossIT {

    private final Api api = SlipwayStack.api();

    @Test
    void aBuildWhoseWorkerWasKilledIsTakenUpByTheNextWorkerAndRunsToEffectOnce(@TempDir Path dir) throws Exception {
        String id = Faults.slowBuildStarted(api, "workerloss", dir);

        long killedAt = System.nanoTime();
        Faults.kill("workers");
        Faults.start("workers");
        long readyAt = System.nanoTime();
        Faults.awaitFacts(id, "BuildStarted", 2);
        long takenUpAt = System.nanoTime();
        System.out.printf("WorkerLossIT: the killed worker's build was taken up %.1f s after the kill, %.1f s after"
                        + " the next worker was ready%n", (takenUpAt - killedAt) / 1e9, (takenUpAt - readyAt) / 1e9);

        // No attempt built twice: the killed worker's build never reported.
        Faults.assertSucceededOnce(api, "workerloss", id, api.events(id));
    }
}
