package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
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

        List<Api.Event> events = api.events(id);
        JsonNode deployment = api.get("/api/deployments/" + id).body();
        assertEquals("SUCCEEDED", deployment.get("state").asText(), deployment::toString);
        assertEquals(1, Faults.count(events, "Deployed"), "one release was started: " + events);
        // The killed worker's build never reported.
        Faults.assertNoAttemptBuiltTwice(events);
        assertEquals(1, api.get("/api/apps/workerloss/releases").body().size(), "one release");
        assertTrue(api.viaProxy("workerloss.localhost").body().contains("Hello from node-hello"));
    }
}
