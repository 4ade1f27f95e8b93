package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    /**
     * A build requested while no worker runs, then cancelled: the worker that starts later finds the
     * command on the build topic, but it read the cancellation first, so the build never starts.
     */
    @Test
    void aBuildCancelledWhileNoWorkerRunsNeverStartsOnTheWorkerThatComesLater(@TempDir Path dir) throws Exception {
        api.createApp("cancel-down");
        String id;
        Faults.stop("workers");
        try {
            Api.Answer accepted = api.upload("cancel-down", Api.pack(Apps.python(Files.createDirectories(dir.resolve("v1")), "v1", null)));
            assertEquals(202, accepted.status(), accepted::toString);
            id = accepted.body().get("id").asText();
            assertTrue(Apps.eventually(() -> state(id).equals("BUILDING")), "the build was never requested: " + state(id));
            Api.Answer cancelled = api.post("/api/deployments/" + id + "/cancel", Map.of());
            assertEquals("CANCELLED", cancelled.body().get("state").asText(), cancelled::toString);
        } finally {
            Faults.start("workers");
        }
        // The next request of the app sits behind the cancelled one on the same partition: once it has
        // run, the cancelled build's command was taken and skipped.
        Api.Outcome next = api.deploy("cancel-down", Apps.python(Files.createDirectories(dir.resolve("v2")), "v2", null));
        assertEquals("SUCCEEDED", next.state(), () -> next.deployment().toString());
        int reported = Faults.facts(id, "BuildStarted") + Faults.facts(id, "BuildFailed") + Faults.facts(id, "Built");
        assertEquals(0, reported, "a worker took the cancelled build up: " + api.events(id));
    }

    private String state(String id) {
        try {
            return api.get("/api/deployments/" + id).body().get("state").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
