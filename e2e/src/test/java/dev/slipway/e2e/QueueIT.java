package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One deployment of an app in flight at a time, the others waiting in request order; supersede;
 * cancelling a waiting and a running deployment. The first deployment of each test holds the
 * queue with a post_build hook that waits for a gate file, so what waits behind it does not
 * depend on how fast anything runs.
 */
@ExtendWith(SlipwayStack.class)
class QueueIT {

    private final Api api = SlipwayStack.api();

    @Test
    void quickDeploymentsOfOneAppRunOneAtATimeInRequestOrder(@TempDir Path dir) throws Exception {
        api.createApp("queue-five");
        Path gate = gate();
        List<String> ids = new ArrayList<>();
        ids.add(request("queue-five", python(dir, "v1", gated(gate))));
        for (int v = 2; v <= 5; v++) {
            ids.add(request("queue-five", python(dir, "v" + v, null)));
        }

        for (int i = 1; i < 5; i++) {
            JsonNode waiting = api.get("/api/deployments/" + ids.get(i)).body();
            assertEquals("QUEUED", waiting.get("state").asText(), waiting::toString);
            assertEquals(i, waiting.get("position").asInt(), waiting::toString);
        }
        Files.writeString(gate, "go");

        List<Api.Outcome> outcomes = new ArrayList<>();
        for (String id : ids) {
            outcomes.add(new Api.Outcome(id, api.events(id), api.get("/api/deployments/" + id).body()));
        }
        for (int i = 0; i < 5; i++) {
            Api.Outcome outcome = outcomes.get(i);
            assertEquals("SUCCEEDED", outcome.state(), () -> outcome.deployment().toString());
            assertEquals(i + 1, outcome.deployment().get("release").asInt(), "release numbers follow request order");
        }
        for (int i = 1; i < 5; i++) {
            Api.Outcome outcome = outcomes.get(i);
            long previousEnded = event(outcomes.get(i - 1), "DeploymentSucceeded").id();
            assertEquals(i, event(outcome, "DeploymentQueued").data().get("position").asInt());
            assertTrue(event(outcome, "DeploymentDequeued").id() > previousEnded, outcome.types()::toString);
            assertTrue(event(outcome, "BuildStarted").id() > previousEnded,
                    "deployment " + (i + 1) + " built before deployment " + i + " had ended");
        }
        assertTrue(api.viaProxy("queue-five.localhost").body().contains("Version: v5"));
        JsonNode releases = api.get("/api/apps/queue-five/releases").body();
        assertEquals(ids.get(4), releases.get(0).get("deploymentId").asText());
        assertTrue(releases.get(0).get("current").asBoolean());
    }

    @Test
    void supersedeCancelsTheWaitingRequestsButNotTheRunningOne(@TempDir Path dir) throws Exception {
        api.createApp("queue-newest");
        Api.Answer wrong = api.send("/api/apps/queue-newest", "PATCH", "application/json", "{\"deployOrder\": \"lifo\"}");
        assertEquals(400, wrong.status());
        assertEquals("deployOrder \"lifo\" is unknown; allowed: queue, supersede", wrong.body().get("error").asText());
        Api.Answer set = api.send("/api/apps/queue-newest", "PATCH", "application/json",
                "{\"deployOrder\": \"supersede\"}");
        assertEquals(200, set.status(), set::toString);
        assertEquals("supersede", set.body().get("deployOrder").asText());

        Path gate = gate();
        String running = request("queue-newest", python(dir, "v1", gated(gate)));
        String second = request("queue-newest", python(dir, "v2", null));
        String third = request("queue-newest", python(dir, "v3", null));
        String newest = request("queue-newest", python(dir, "v4", null));
        assertEquals(1, api.get("/api/deployments/" + newest).body().get("position").asInt());
        Files.writeString(gate, "go");

        assertEquals("SUCCEEDED", outcome(running).state());
        for (String[] superseded : new String[][] {{second, third}, {third, newest}}) {
            Api.Outcome dropped = outcome(superseded[0]);
            assertEquals("CANCELLED", dropped.state());
            assertEquals("superseded by deployment " + superseded[1],
                    event(dropped, "DeploymentCancelled").data().get("reason").asText());
            assertFalse(dropped.types().contains("BuildStarted"), dropped.types()::toString);
        }
        Api.Outcome last = outcome(newest);
        assertEquals("SUCCEEDED", last.state(), () -> last.deployment().toString());
        assertEquals(2, last.deployment().get("release").asInt());
        assertTrue(api.viaProxy("queue-newest.localhost").body().contains("Version: v4"));
    }

    @Test
    void cancellingDropsAWaitingDeploymentAndStopsARunningBuildWhileThePreviousReleaseServes(@TempDir Path dir)
            throws Exception {
        api.createApp("queue-cancel");
        assertEquals("SUCCEEDED", api.deploy("queue-cancel", python(dir, "v1", null)).state());
        String marker = "sleep " + (3000 + (int) (Math.random() * 999));
        String slow = request("queue-cancel", slowBuild(dir.resolve("slow"), marker));
        String waiting = request("queue-cancel", python(dir, "v3", null));
        assertTrue(Apps.eventually(() -> processes(marker).size() == 2), "the slow build's two sleeps never ran: "
                + processes(marker));

        Api.Answer dropped = api.post("/api/deployments/" + waiting + "/cancel", Map.of());
        assertEquals(200, dropped.status(), dropped::toString);
        assertEquals("CANCELLED", dropped.body().get("state").asText());
        assertEquals("BUILDING", api.get("/api/deployments/" + slow).body().get("state").asText(),
                "cancelling a waiting deployment leaves the running one alone");

        Api.Answer stopped = api.post("/api/deployments/" + slow + "/cancel", Map.of());
        assertEquals(200, stopped.status(), stopped::toString);
        Api.Outcome cancelled = outcome(slow);
        assertEquals("CANCELLED", cancelled.state());
        assertEquals("BUILDING", event(cancelled, "DeploymentCancelled").data().get("state").asText());
        assertTrue(Apps.eventually(() -> processes(marker).isEmpty()),
                "processes of the cancelled build remain: " + processes(marker));
        assertTrue(api.viaProxy("queue-cancel.localhost").body().contains("Version: v1"));
        Api.Outcome neverRan = outcome(waiting);
        assertEquals(List.of("DeploymentRequested", "DeploymentQueued", "DeploymentCancelled"), neverRan.types());

        Api.Answer again = api.post("/api/deployments/" + slow + "/cancel", Map.of());
        assertEquals(409, again.status());
        assertEquals("deployment " + slow + " cannot be cancelled: it has ended (CANCELLED)",
                again.body().get("error").asText());
        Api.Outcome next = api.deploy("queue-cancel", python(dir, "v4", null));
        assertEquals("SUCCEEDED", next.state(), () -> next.deployment().toString());
        assertEquals(2, next.deployment().get("release").asInt(), "cancelled deployments get no release number");
        assertTrue(api.viaProxy("queue-cancel.localhost").body().contains("Version: v4"));
    }

    @Test
    void cancellingARunningHookKillsItAndTheNextRequestRuns(@TempDir Path dir) throws Exception {
        api.createApp("queue-hook");
        Path gate = gate();
        String held = request("queue-hook", python(dir, "v1", gated(gate)));
        String next = request("queue-hook", python(dir, "v2", null));
        assertTrue(Apps.eventually(() -> !processes(gate.toString()).isEmpty()), "the post_build hook never started");

        Api.Answer cancelled = api.post("/api/deployments/" + held + "/cancel", Map.of());

        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("POST_BUILD", event(outcome(held), "DeploymentCancelled").data().get("state").asText());
        assertTrue(Apps.eventually(() -> processes(gate.toString()).isEmpty()),
                "the cancelled hook still runs: " + processes(gate.toString()));
        Api.Outcome ran = outcome(next);
        assertEquals("SUCCEEDED", ran.state(), () -> ran.deployment().toString());
        assertEquals(1, ran.deployment().get("release").asInt());
        assertTrue(api.viaProxy("queue-hook.localhost").body().contains("Version: v2"));
    }

    @Test
    void cancellingARunningPostDeployKillsItAndRoutesBackToThePreviousRelease(@TempDir Path dir) throws Exception {
        api.createApp("queue-post");
        assertEquals("SUCCEEDED", api.deploy("queue-post", python(dir, "v1", null)).state());
        Path gate = gate();
        String held = request("queue-post", python(dir, "v2", "[healthcheck]\npath = \"/healthz\"\n[hooks]\n"
                + "post_deploy = \"while [ ! -e " + gate + " ]; do sleep 0.2; done\"\n"));
        assertTrue(Apps.eventually(() -> !processes(gate.toString()).isEmpty()), "the post_deploy hook never started");
        assertTrue(api.viaProxy("queue-post.localhost").body().contains("Version: v2"), "post_deploy runs once v2 serves");

        Api.Answer cancelled = api.post("/api/deployments/" + held + "/cancel", Map.of());

        assertEquals(200, cancelled.status(), cancelled::toString);
        Api.Outcome back = outcome(held);
        assertEquals("ROLLED_BACK", back.state(), () -> back.deployment().toString());
        assertEquals("post_deploy: hook killed, cancelled through the API; rolled back to the previous release",
                back.deployment().get("error").asText());
        assertTrue(Apps.eventually(() -> processes(gate.toString()).isEmpty()),
                "the cancelled hook still runs: " + processes(gate.toString()));
        assertTrue(api.viaProxy("queue-post.localhost").body().contains("Version: v1"));
        Api.Outcome next = api.deploy("queue-post", python(dir, "v3", null));
        assertEquals("SUCCEEDED", next.state(), () -> next.deployment().toString());
        assertEquals(2, next.deployment().get("release").asInt(), "the cancelled deployment got no release number");
    }

    @Test
    void aScaleRequestedWhileNewCodeBuildsScalesTheNewCode(@TempDir Path dir) throws Exception {
        api.createApp("queue-rebase");
        assertEquals("SUCCEEDED", api.deploy("queue-rebase", python(dir, "v1", null)).state());
        Path gate = gate();
        String newCode = request("queue-rebase", python(dir, "v2", gated(gate)));
        Api.Answer scale = api.put("/api/apps/queue-rebase/formation", Map.of("web", 2));
        assertEquals(202, scale.status(), scale::toString);
        String scaled = scale.body().get("id").asText();
        assertEquals(1, api.get("/api/deployments/" + scaled).body().get("position").asInt());
        Files.writeString(gate, "go");

        assertEquals("SUCCEEDED", outcome(newCode).state());
        Api.Outcome last = outcome(scaled);
        assertEquals("SUCCEEDED", last.state(), () -> last.deployment().toString());
        assertEquals(3, last.deployment().get("release").asInt());
        assertTrue(api.viaProxy("queue-rebase.localhost").body().contains("Version: v2"),
                "the scale, decided on its turn, runs the new code, not the code served when it was asked for");
        assertEquals(2, api.get("/api/apps/queue-rebase/formation").body().get("web").asInt());
    }

    /** A copy of examples/python-hello in its own directory under {@code dir}. */
    private static Path python(Path dir, String version, String toml) throws IOException {
        return Apps.python(Files.createDirectories(dir.resolve(version)), version, toml);
    }

    /** A file in /tmp, where the app's user can see it appear. */
    private static Path gate() {
        return Path.of("/tmp", "slipway-queue-gate-" + UUID.randomUUID());
    }

    /** A python app's slipway.toml whose post_build waits until {@code gate} exists. */
    private static String gated(Path gate) {
        return "[healthcheck]\npath = \"/healthz\"\n[hooks]\npost_build = \"while [ ! -e " + gate
                + " ]; do sleep 0.2; done\"\n";
    }

    /** A node app whose build script runs {@code marker} (a sleep) in the background and in the foreground. */
    private static Path slowBuild(Path dir, String marker) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"slow\", \"version\": \"1.0.0\", \"private\": true,"
                + " \"scripts\": {\"build\": \"" + marker + " & " + marker + "\"}}\n");
        Files.writeString(dir.resolve("server.js"), "require('http').createServer((q, s) => s.end('slow')).listen(process.env.PORT);\n");
        return dir;
    }

    private String request(String app, Path source) throws Exception {
        Api.Answer accepted = api.upload(app, Api.pack(source));
        assertEquals(202, accepted.status(), accepted::toString);
        return accepted.body().get("id").asText();
    }

    private Api.Outcome outcome(String id) throws Exception {
        return new Api.Outcome(id, api.events(id), api.get("/api/deployments/" + id).body());
    }

    private static Api.Event event(Api.Outcome outcome, String type) {
        return outcome.events().stream().filter(e -> e.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + outcome.types()));
    }

    /** The pids of processes whose command line is {@code marker} or, for a path, names it. */
    private static List<String> processes(String marker) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String line = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ').strip();
                    return marker.startsWith("/") ? line.contains(marker) : line.equals(marker);
                } catch (IOException e) {
                    return false;
                }
            }).map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
