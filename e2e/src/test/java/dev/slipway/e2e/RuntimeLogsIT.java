package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/apps/{app}/logs}: what a release's processes print, per process, masked, the
 * recent lines first and then live, with what the host says about them (a crash) among them.
 */
@ExtendWith(SlipwayStack.class)
class RuntimeLogsIT {

    private static final String SECRET = "tok-5ecret-value";
    private static final String LOGS = "/api/apps/chatty/logs";

    private final Api api = SlipwayStack.api();

    @Test
    void whatTheProcessesPrintIsTheAppsRuntimeLogPerProcessMaskedRecentThenLive(@TempDir Path dir) throws Exception {
        api.createApp("chatty");
        assertEquals(200, api.put("/api/apps/chatty/config", Map.of("TOKEN", SECRET)).status());
        Apps.python(dir, "one", null);
        Files.writeString(dir.resolve("Procfile"), "web: echo \"web up with $TOKEN\" && exec python app.py\n"
                + "worker: while true; do echo \"tick $TOKEN\"; sleep 1; done\n");
        Api.Outcome deployed = api.deploy("chatty", dir);
        assertEquals("SUCCEEDED", deployed.state());

        assertTrue(Apps.eventually(() -> ticks() >= 3),
                "the worker's ticks never reached the app's log");
        List<Api.Event> recent = recent("?follow=false");
        assertTrue(texts(recent, "web.1").contains("web up with ****"), recent::toString);
        assertTrue(texts(recent, "worker.1").contains("tick ****"), recent::toString);
        assertTrue(recent.stream().noneMatch(e -> e.data().toString().contains(SECRET)), "a secret in clear");
        assertEquals(deployed.id(), recent.get(0).data().get("deploymentId").asText());
        List<Api.Event> worker = recent("?process=worker&follow=false");
        assertTrue(worker.stream().allMatch(e -> e.data().get("process").asText().equals("worker.1")), worker::toString);
        assertEquals(2, recent("?lines=2&follow=false").size());
        List<Api.Event> resumed = api.stream(LOGS + "?follow=false", recent.get(0).id());
        assertEquals(recent.get(1).id(), resumed.get(0).id(), "Last-Event-ID resumes after it");
        assertTrue(api.stream("/api/deployments/" + deployed.id() + "/logs", 0).stream()
                        .noneMatch(e -> e.data().get("stage").asText().equals("run")),
                "the deployment's own log holds none of its release's runtime log");

        long last = recent.get(recent.size() - 1).id();
        List<Api.Event> live = api.streamUntil(LOGS + "?lines=0&process=worker.1", events -> !events.isEmpty(),
                Duration.ofSeconds(30));
        assertTrue(live.get(0).id() > last, "live lines come after the recent ones");
        assertEquals("tick ****", live.get(0).data().get("text").asText());

        long pid = workerPid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        List<Api.Event> crash = api.streamUntil(LOGS + "?lines=0", events -> events.stream().anyMatch(e ->
                e.data().get("process").isNull() && e.data().get("text").asText().startsWith("worker.1")),
                Duration.ofSeconds(30));
        assertTrue(crash.stream().anyMatch(e -> e.data().get("text").asText().contains("starting it again")),
                crash::toString);
        api.streamUntil(LOGS + "?lines=0", events -> events.stream().anyMatch(e ->
                e.data().get("text").asText().startsWith("worker.1 started again")), Duration.ofSeconds(30));

        assertEquals(400, api.get(LOGS + "?lines=5000").status());
        assertEquals(400, api.get(LOGS + "?lines=many").status());
        assertEquals(400, api.get(LOGS + "?process=..%2Fweb").status());
        assertEquals(400, api.get(LOGS + "?follow=maybe").status());
        assertEquals(404, api.get("/api/apps/no-such-app/logs").status());
        assertTrue(recent("?process=w_rker&follow=false").isEmpty(), "'_' in a type is no wildcard");

        assertEquals(202, api.delete("/api/apps/chatty").status());
        assertEquals(201, api.createApp("chatty").status());
        assertTrue(recent("?follow=false").isEmpty(), "an app made again under the name has none of the old log");
    }

    private List<Api.Event> recent(String query) throws Exception {
        return api.stream(LOGS + query, 0);
    }

    private int ticks() {
        try {
            return texts(recent("?follow=false"), "worker.1").size();
        } catch (Exception e) {
            return 0;
        }
    }

    private static List<String> texts(List<Api.Event> events, String process) {
        return events.stream().filter(e -> e.data().get("process").asText().equals(process))
                .map(e -> e.data().get("text").asText()).toList();
    }

    private long workerPid() throws Exception {
        for (JsonNode process : api.get("/api/apps/chatty/processes").body()) {
            if (process.get("process").asText().equals("worker.1")) {
                return process.get("pid").asLong();
            }
        }
        throw new AssertionError("no worker.1 in " + api.get("/api/apps/chatty/processes").body());
    }
}
