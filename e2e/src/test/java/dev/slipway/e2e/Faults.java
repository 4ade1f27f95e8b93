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

/** The faults the fault suite injects into the running stack, and the waits around them. */
final class Faults {

    private Faults() {
    }

    /** {@code kill -9} of one of Slipway's own services ("orchestrator", "workers"); returns once it is dead. */
    static void kill(String service) throws Exception {
        long pid = Long.parseLong(Files.readString(SlipwayStack.HOME.resolve("run").resolve(service + ".pid")).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(service + " is not running"));
        process.destroyForcibly();
        process.onExit().get();
    }

    /** Starts {@code service} again ("orchestrator", "workers", "kafka") and waits until it is ready. */
    static void start(String service) throws Exception {
        SlipwayStack.slipway(Map.of("SLIPWAY_SERVICES", service), "start");
    }

    /** Stops {@code service} the way an operator does (SIGTERM, then SIGKILL after its grace). */
    static void stop(String service) throws Exception {
        SlipwayStack.slipway(Map.of("SLIPWAY_SERVICES", service), "stop");
    }

    /** Waits until the event log holds {@code count} facts of {@code type} (e.g. "BuildStarted") of the deployment. */
    static void awaitFacts(String deploymentId, String type, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (facts(deploymentId, type) < count) {
            assertTrue(System.nanoTime() < deadline, type + " was not recorded " + count + " time(s)");
            Thread.sleep(250);
        }
    }

    /** How many facts of {@code type} the event log holds for the deployment, read from the database. */
    static int facts(String deploymentId, String type) throws Exception {
        return Integer.parseInt(SlipwayStack.sql("select count(*) from event_log where deployment_id = '"
                + deploymentId + "' and type = 'dev.slipway." + type + "'"));
    }

    static long count(List<Api.Event> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }

    /** No attempt of the build came to two {@code Built} facts: a build that another worker took over ran to effect once. */
    static void assertNoAttemptBuiltTwice(List<Api.Event> events) {
        Map<Integer, Long> builtPerAttempt = events.stream().filter(e -> e.type().equals("Built"))
                .collect(Collectors.groupingBy(e -> e.data().get("attempt").asInt(), Collectors.counting()));
        assertTrue(builtPerAttempt.values().stream().allMatch(n -> n == 1), "an attempt was built twice: " + builtPerAttempt);
    }

    /**
     * The deployment of {@link #slowNodeApp} to {@code app} ended SUCCEEDED, once: one release started,
     * no attempt built twice, and the app serves.
     */
    static void assertSucceededOnce(Api api, String app, String id, List<Api.Event> events) throws Exception {
        JsonNode deployment = api.get("/api/deployments/" + id).body();
        assertEquals("SUCCEEDED", deployment.get("state").asText(), deployment::toString);
        assertEquals(1, count(events, "DeploymentSucceeded"), events::toString);
        assertEquals(1, count(events, "Deployed"), "one release was started: " + events);
        assertNoAttemptBuiltTwice(events);
        assertEquals(1, api.get("/api/apps/" + app + "/releases").body().size(), "one release");
        assertTrue(api.viaProxy(app + ".localhost").body().contains("Hello from node-hello"));
    }

    /** Creates {@code app} and deploys {@link #slowNodeApp} to it; returns the deployment's id once its build has started. */
    static String slowBuildStarted(Api api, String app, Path dir) throws Exception {
        api.createApp(app);
        Api.Answer accepted = api.upload(app, Api.pack(slowNodeApp(dir)));
        assertEquals(202, accepted.status(), accepted::toString);
        String id = accepted.body().get("id").asText();
        awaitFacts(id, "BuildStarted", 1);
        return id;
    }

    /** examples/node-hello whose build script takes long enough to inject a fault in the middle of it. */
    static Path slowNodeApp(Path dir) throws Exception {
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
}
