package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Config vars reach the app and its hooks, and are never shown in clear: not in the API, events or logs. */
@ExtendWith(SlipwayStack.class)
class ConfigIT {

    private static final String FIRST = "hello-sekret-42";
    private static final String SECOND = "second-sekret-77";
    private static final String HOOKS = """
            [healthcheck]
            path = "/healthz"
            [hooks]
            post_deploy = "echo greeting is $GREETING; printf %s \\"$GREETING\\" > $HOME/greeting.txt"
            """;

    private final Api api = SlipwayStack.api();

    @Test
    void configVarsAreDeliveredSealedAndAChangeMakesANewRelease(@TempDir Path dir) throws Exception {
        api.createApp("configured");
        assertEquals(200, api.put("/api/apps/configured/config", Map.of("GREETING", FIRST)).status(),
                "saved for the first deployment");

        Api.Outcome first = api.deploy("configured", Apps.python(dir, "one", HOOKS));

        assertEquals("SUCCEEDED", first.state(), () -> first.deployment().toString());
        Path home = Apps.home("configured");
        assertEquals(FIRST, Files.readString(home.resolve("greeting.txt")));
        List<String> logs = api.logs(first.id());
        assertTrue(logs.contains("greeting is ****"), logs::toString);
        assertFalse(String.join("\n", logs).contains(FIRST), "a secret reached the stage log");
        assertFalse(first.events().toString().contains(FIRST), "a secret reached the event stream");
        JsonNode config = api.get("/api/apps/configured/config").body();
        assertEquals("GREETING", config.get(0).get("key").asText());
        assertEquals("********", config.get(0).get("value").asText());

        Api.Answer changed = api.put("/api/apps/configured/config", Map.of("GREETING", SECOND));
        assertEquals(202, changed.status(), changed::toString);
        String id = changed.body().get("id").asText();
        List<Api.Event> events = api.events(id);

        assertEquals("SUCCEEDED", api.get("/api/deployments/" + id).body().get("state").asText(), events::toString);
        assertEquals("config change: set GREETING", events.get(0).data().get("source").asText());
        assertFalse(events.stream().anyMatch(e -> e.type().equals("BuildStarted")), "no build for a config change");
        assertEquals(SECOND, Files.readString(home.resolve("greeting.txt")));

        assertEquals(202, api.delete("/api/apps/configured/config/GREETING").status());
        assertEquals(404, api.delete("/api/apps/configured/config/GREETING").status());
        assertEquals(400, api.put("/api/apps/configured/config", Map.of("PORT", "80")).status());
        assertEquals(400, api.put("/api/apps/configured/config", Map.of("1BAD", "x")).status());
    }
}
