package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A stage nobody answers is issued again; the deployment finishes once workers are back. */
@ExtendWith(SlipwayStack.class)
class RecoveryIT {

    private static final Map<String, String> WORKERS = Map.of("SLIPWAY_SERVICES", "workers");

    private final Api api = SlipwayStack.api();

    @Test
    void aBuildNoWorkerTookIsIssuedAgainAndSucceedsWhenWorkersReturn() throws Exception {
        api.createApp("recovery");
        SlipwayStack.slipway(WORKERS, "stop");
        String id;
        try {
            Api.Answer accepted = api.upload("recovery", Api.pack(SlipwayStack.REPO.resolve("examples/static-hello")));
            assertEquals(202, accepted.status(), accepted::toString);
            id = accepted.body().get("id").asText();
            long deadline = System.nanoTime() + SlipwayStack.BUILD_TIMEOUT.multipliedBy(3).toNanos();
            while (api.get("/api/deployments/" + id).body().get("attempt").asInt() < 2) {
                assertTrue(System.nanoTime() < deadline, "the build was never issued again");
                Thread.sleep(1000);
            }
        } finally {
            SlipwayStack.slipway(WORKERS, "start");
        }

        List<Api.Event> events = api.events(id);
        JsonNode deployment = api.get("/api/deployments/" + id).body();

        assertEquals("SUCCEEDED", deployment.get("state").asText(), deployment::toString);
        Api.Event timedOut = events.stream().filter(e -> e.type().equals("StageTimedOut")).findFirst().orElseThrow();
        assertEquals("build", timedOut.data().get("stage").asText());
        assertEquals(1, timedOut.data().get("attempt").asInt());
        assertTrue(events.stream().anyMatch(e -> e.type().equals("Built") && e.data().get("attempt").asInt() == 2),
                "attempt 2 built it: " + events);
        assertTrue(api.viaProxy("recovery.localhost").body().contains("Hello from static-hello"));
    }
}
