package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    private static final Map<String, String> WORKERS = Map.of("SLIPWAY_SERVICES", "workers");

    private final Api api = SlipwayStack.api();

    @Test
    void aBuildWhoseWorkerWasKilledIsTakenUpByTheNextWorkerAndRunsToEffectOnce(@TempDir Path dir) throws Exception {
        api.createApp("workerloss");
        Api.Answer accepted = api.upload("workerloss", Api.pack(slowNodeApp(dir)));
        assertEquals(202, accepted.status(), accepted::toString);
        String id = accepted.body().get("id").asText();
        awaitBuildsStarted(id, 1);

        Path pidFile = SlipwayStack.HOME.resolve("run").resolve("workers.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
        long killedAt = System.nanoTime();
        worker.destroyForcibly();
        worker.onExit().get();
        SlipwayStack.slipway(WORKERS, "start");
        long readyAt = System.nanoTime();
        awaitBuildsStarted(id, 2);
        long takenUpAt = System.nanoTime();
        System.out.printf("WorkerLossIT: the killed worker's build was taken up %.1f s after the kill, %.1f s after"
                        + " the next worker was ready%n", (takenUpAt - killedAt) / 1e9, (takenUpAt - readyAt) / 1e9);

        List<Api.Event> events = api.events(id);
        JsonNode deployment = api.get("/api/deployments/" + id).body();
        assertEquals("SUCCEEDED", deployment.get("state").asText(), deployment::toString);
        assertEquals(1, count(events, "Deployed"), "one release was started: " + events);
        Map<Integer, Long> builtPerAttempt = events.stream().filter(e -> e.type().equals("Built"))
                .collect(Collectors.groupingBy(e -> e.data().get("attempt").asInt(), Collectors.counting()));
        assertTrue(builtPerAttempt.values().stream().allMatch(n -> n == 1),
                "no attempt was built twice (the killed worker's build never reported): " + builtPerAttempt);
        assertEquals(1, api.get("/api/apps/workerloss/releases").body().size(), "one release");
        assertTrue(api.viaProxy("workerloss.localhost").body().contains("Hello from node-hello"));
    }

    /** examples/node-hello whose build script takes long enough to kill its worker in the middle. */
    private static Path slowNodeApp(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(SlipwayStack.REPO.resolve("examples/node-hello"))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName().toString()));
            }
        }
        Path manifest = dir.resolve("package.json");
        Files.writeString(manifest, Files.readString(manifest)
                .replace("\"start\": \"node server.js\"", "\"start\": \"node server.js\",\n    \"build\": \"sleep 20\""));
        return dir;
    }

    private void awaitBuildsStarted(String id, int builds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (Integer.parseInt(SlipwayStack.sql("select count(*) from event_log where deployment_id = '" + id
                + "' and type = 'dev.slipway.BuildStarted'")) < builds) {
            assertTrue(System.nanoTime() < deadline, "the build did not start " + builds + " time(s)");
            Thread.sleep(250);
        }
    }

    private static long count(List<Api.Event> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }
}
