package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many deployments over many apps submitted at once, interleaved: every app ends serving its newest
 * request, release numbers follow each app's request order, and no app ever serves another's code.
 */
@ExtendWith(SlipwayStack.class)
class ManyAppsIT {

    private static final int APPS = 5;
    private static final int DEPLOYMENTS_EACH = 3;

    private final Api api = SlipwayStack.api();

    @Test
    void everyAppEndsServingItsNewestRequestAndNeverAnothersCode(@TempDir Path dir) throws Exception {
        Map<String, List<String>> requests = new LinkedHashMap<>();
        for (int a = 1; a <= APPS; a++) {
            String app = "many-" + a;
            api.createApp(app);
            requests.put(app, new ArrayList<>());
        }
        // Round after round, so every app's requests are interleaved with the others'.
        for (int v = 1; v <= DEPLOYMENTS_EACH; v++) {
            for (String app : requests.keySet()) {
                Path source = Apps.python(Files.createDirectories(dir.resolve(app + "-v" + v)), app + "-v" + v, null);
                Api.Answer accepted = api.upload(app, Api.pack(source));
                assertEquals(202, accepted.status(), accepted::toString);
                requests.get(app).add(accepted.body().get("id").asText());
            }
        }

        for (Map.Entry<String, List<String>> entry : requests.entrySet()) {
            String app = entry.getKey();
            List<String> ids = entry.getValue();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                Api.Outcome outcome = new Api.Outcome(id, api.events(id), api.get("/api/deployments/" + id).body());
                assertEquals("SUCCEEDED", outcome.state(), () -> app + ": " + outcome.deployment());
                assertEquals(i + 1, outcome.deployment().get("release").asInt(),
                        app + ": release numbers follow request order");
            }
            String page = api.viaProxy(app + ".localhost").body();
            assertTrue(page.contains("Version: " + app + "-v" + DEPLOYMENTS_EACH + "<"), app + " serves: " + page);
            JsonNode releases = api.get("/api/apps/" + app + "/releases").body();
            assertEquals(ids.get(ids.size() - 1), releases.get(0).get("deploymentId").asText(), releases::toString);
            assertTrue(releases.get(0).get("current").asBoolean(), releases::toString);
        }
    }
}
