package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator killed with {@code kill -9} in the middle of a build, or while it rolls a deployment
 * back (its post_deploy failed), then started again: it takes the deployment up from what it had
 * recorded, and the deployment ends once: SUCCEEDED with one release, or ROLLED_BACK with the previous
 * release serving.
 */
@ExtendWith(SlipwayStack.class)
class OrchestratorLossIT {

    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "ROLLED_BACK", "CANCELLED");

    private final Api api = SlipwayStack.api();

    @Test
    void anOrchestratorKilledMidBuildFinishesTheDeploymentOnceWhenStartedAgain(@TempDir Path dir) throws Exception {
        String id = Faults.slowBuildStarted(api, "orchestratormidbuild", dir);
        Faults.kill("orchestrator");
        Faults.start("orchestrator");

        Faults.assertSucceededOnce(api, "orchestratormidbuild", id, api.events(id));
    }

    @Test
    void anOrchestratorKilledWhileItRollsBackFinishesTheRollbackWhenStartedAgain(@TempDir Path dir) throws Exception {
        api.createApp("orchestratorloss");
        assertEquals("SUCCEEDED", api.deploy("orchestratorloss", Apps.python(dir, "good", null)).state());
        Files.writeString(dir.resolve("VERSION"), "bad\n");
        Files.writeString(dir.resolve("slipway.toml"), "[hooks]\npost_deploy = \"echo cannot migrate; exit 3\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        Api.Answer accepted = api.upload("orchestratorloss", Api.pack(dir));
        assertEquals(202, accepted.status(), accepted::toString);
        String id = accepted.body().get("id").asText();

        awaitState(id, "ROLLING_BACK");
        Faults.kill("orchestrator");
        // What the dead orchestrator left: the rollback begun, its end not recorded.
        assertEquals("ROLLING_BACK", SlipwayStack.sql("select state from deployments where id = '" + id + "'"),
                "the rollback ended before the orchestrator was killed: the test missed its moment");
        assertEquals(0, Faults.facts(id, "DeploymentFailed"));
        Faults.start("orchestrator");

        List<Api.Event> events = api.events(id);
        JsonNode deployment = api.get("/api/deployments/" + id).body();
        assertEquals("ROLLED_BACK", deployment.get("state").asText(), deployment::toString);
        assertTrue(deployment.get("error").asText().contains("rolled back to the previous release"), deployment::toString);
        assertEquals(1, Faults.count(events, "DeploymentFailed"), "the deployment ended once: " + events);
        assertTrue(api.viaProxy("orchestratorloss.localhost").body().contains("Version: good"));
        int badPort = Apps.deployedPort(new Api.Outcome(id, events, deployment));
        assertTrue(Apps.eventually(() -> !Apps.listening(badPort)), "the rolled-back release still runs");
    }

    /** Polls the deployment's state closely: the rollback's proxy stage takes about a second. */
    private void awaitState(String id, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (String seen = ""; !seen.equals(state); seen = api.get("/api/deployments/" + id).body().get("state").asText()) {
            assertTrue(!ENDED.contains(seen), "the deployment ended " + seen + " before it was " + state);
            assertTrue(System.nanoTime() < deadline, "the deployment was not " + state + " within 3 min");
            Thread.sleep(20);
        }
    }
}
