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

/** Rolling back runs an earlier release's artifact again as a new release, without building. */
@ExtendWith(SlipwayStack.class)
class RollbackIT {

    private final Api api = SlipwayStack.api();

    @Test
    void rollbackServesTheEarlierReleaseAgainWithoutBuilding(@TempDir Path dir) throws Exception {
        api.createApp("going-back");
        assertEquals("SUCCEEDED", api.deploy("going-back", Apps.python(dir, "one", null)).state());
        Files.writeString(dir.resolve("VERSION"), "two\n");
        assertEquals("SUCCEEDED", api.deploy("going-back", dir).state());

        Api.Answer accepted = api.rollback("going-back", null);
        assertEquals(202, accepted.status(), accepted::toString);
        Api.Outcome rollback = finished(accepted.body().get("id").asText());

        assertEquals("SUCCEEDED", rollback.state(), () -> rollback.deployment().toString());
        assertEquals(3, rollback.deployment().get("release").asInt());
        assertFalse(rollback.types().contains("BuildStarted"), rollback.types()::toString);
        assertEquals("rollback to release 1", rollback.events().get(0).data().get("source").asText());
        assertTrue(api.viaProxy("going-back.localhost").body().contains("Version: one"));

        JsonNode releases = api.get("/api/apps/going-back/releases").body();
        assertEquals(3, releases.size());
        assertEquals(3, releases.get(0).get("version").asInt());
        assertTrue(releases.get(0).get("current").asBoolean());
    }

    @Test
    void rollbackBringsBackTheConfigVarsOfTheReleaseItRunsAgain(@TempDir Path dir) throws Exception {
        api.createApp("vars-back");
        Apps.python(dir, "one", null);
        // Each start of a web process says which MESSAGE it got.
        Files.writeString(dir.resolve("Procfile"), "web: echo \"$MESSAGE\" >> $HOME/messages.txt && exec python app.py\n");
        assertEquals(200, api.put("/api/apps/vars-back/config", Map.of("MESSAGE", "first")).status());
        assertEquals("SUCCEEDED", api.deploy("vars-back", dir).state());
        Api.Answer changed = api.put("/api/apps/vars-back/config", Map.of("MESSAGE", "second", "EXTRA", "x"));
        assertEquals(202, changed.status(), changed::toString);
        assertEquals("SUCCEEDED", finished(changed.body().get("id").asText()).state(), "the config change's release");

        Api.Answer accepted = api.rollback("vars-back", 1);
        assertEquals(202, accepted.status(), accepted::toString);
        Api.Outcome rollback = finished(accepted.body().get("id").asText());
        assertEquals("SUCCEEDED", rollback.state(), () -> rollback.deployment().toString());

        List<String> started = Files.readAllLines(Apps.home("vars-back").resolve("messages.txt"));
        assertEquals(List.of("first", "second", "first"), started, "release 3 runs with release 1's vars");
        JsonNode vars = api.get("/api/apps/vars-back/config").body();
        assertEquals(1, vars.size(), vars::toString);
        assertEquals("MESSAGE", vars.get(0).get("key").asText(), "EXTRA came after release 1: it is gone again");
    }

    private Api.Outcome finished(String id) throws Exception {
        return new Api.Outcome(id, api.events(id), api.get("/api/deployments/" + id).body());
    }

    @Test
    void rollbackNeedsAnEarlierReleaseThatIsNotServing(@TempDir Path dir) throws Exception {
        api.createApp("only-one");
        assertEquals(409, api.rollback("only-one", null).status(), "no release at all");
        assertEquals("SUCCEEDED", api.deploy("only-one", Apps.python(dir, "one", null)).state());

        assertEquals(409, api.rollback("only-one", null).status());
        assertEquals(409, api.rollback("only-one", 1).status());
        Api.Answer missing = api.rollback("only-one", 7);
        assertEquals(404, missing.status());
        assertEquals("release 7 of app \"only-one\" does not exist", missing.body().get("error").asText());
    }
}
