package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Procfile type runs; {@code PUT /api/apps/{app}/formation} makes a release with more web
 * processes, which nginx balances over; a rollback brings the earlier formation back.
 */
@ExtendWith(SlipwayStack.class)
class ScaleIT {

    private static final Pattern PID = Pattern.compile("pid (\\d+)");

    private final Api api = SlipwayStack.api();

    @Test
    void scalingWebBalancesOverTheNewProcessesAndRollbackRestoresTheFormation(@TempDir Path dir) throws Exception {
        api.createApp("hydra");
        Apps.python(dir, "one", null);
        Files.writeString(dir.resolve("Procfile"), "web: python app.py\n"
                + "worker: python -u -c \"import time; print('worker up', flush=True); time.sleep(100000)\"\n");
        assertEquals("SUCCEEDED", api.deploy("hydra", dir).state());
        assertTrue(Apps.eventually(() -> up("hydra").equals(Set.of("web.1", "worker.1"))), () -> processes("hydra"));
        assertEquals(Map.of("web", 1, "worker", 1), formation("hydra"));

        Api.Answer bad = api.put("/api/apps/hydra/formation", Map.of("clock", 1));
        assertEquals(400, bad.status());
        assertEquals("app \"hydra\" has no process type clock; its types: web, worker", bad.body().get("error").asText());
        assertEquals(400, api.put("/api/apps/hydra/formation", Map.of("web", 0)).status());

        Api.Outcome scaled = follow(api.put("/api/apps/hydra/formation", Map.of("web", 2)));

        assertEquals("SUCCEEDED", scaled.state(), () -> scaled.deployment().toString());
        assertEquals("scale web=2", scaled.events().get(0).data().get("source").asText());
        assertFalse(scaled.types().contains("BuildStarted"), "the same build runs again");
        assertEquals(Map.of("web", 2, "worker", 1), formation("hydra"));
        assertTrue(Apps.eventually(() -> up("hydra").equals(Set.of("web.1", "web.2", "worker.1"))),
                () -> processes("hydra"));
        JsonNode worker = current("hydra").stream().filter(p -> p.get("type").asText().equals("worker")).findFirst()
                .orElseThrow();
        assertFalse(worker.hasNonNull("port"), "a worker gets no port: " + worker);
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            Matcher pid = PID.matcher(api.viaProxy("hydra.localhost").body());
            assertTrue(pid.find());
            servedBy.add(pid.group(1));
        }
        assertEquals(2, servedBy.size(), "nginx balances over both web processes: " + servedBy);

        Api.Outcome back = follow(api.rollback("hydra", 1));

        assertEquals("SUCCEEDED", back.state(), () -> back.deployment().toString());
        assertEquals(Map.of("web", 1, "worker", 1), formation("hydra"));
        assertTrue(Apps.eventually(() -> up("hydra").equals(Set.of("web.1", "worker.1"))), () -> processes("hydra"));
    }

    private Api.Outcome follow(Api.Answer accepted) throws Exception {
        assertEquals(202, accepted.status(), accepted::toString);
        String id = accepted.body().get("id").asText();
        return new Api.Outcome(id, api.events(id), api.get("/api/deployments/" + id).body());
    }

    private Map<String, Integer> formation(String app) throws Exception {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        api.get("/api/apps/" + app + "/formation").body().fields()
                .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }

    private List<JsonNode> current(String app) throws Exception {
        List<JsonNode> rows = new java.util.ArrayList<>();
        api.get("/api/apps/" + app + "/processes").body().forEach(p -> {
            if (p.get("current").asBoolean()) {
                rows.add(p);
            }
        });
        return rows;
    }

    /** The processes of the serving release that are up. */
    private Set<String> up(String app) {
        try {
            Set<String> names = new TreeSet<>();
            current(app).stream().filter(p -> p.get("state").asText().equals("UP"))
                    .forEach(p -> names.add(p.get("process").asText()));
            return names;
        } catch (Exception e) {
            return Set.of();
        }
    }

    private String processes(String app) {
        try {
            return api.get("/api/apps/" + app + "/processes").body().toPrettyString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
