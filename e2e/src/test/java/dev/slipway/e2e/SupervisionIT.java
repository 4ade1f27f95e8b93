package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app's processes stay up: one killed with SIGKILL is started again and served again, also by a
 * worker that was restarted meanwhile (it takes the running release over instead of starting a
 * second copy); one that keeps crashing ends with its release crashed, its output masked.
 */
@ExtendWith(SlipwayStack.class)
class SupervisionIT {

    private static final Map<String, String> WORKERS = Map.of("SLIPWAY_SERVICES", "workers");
    private static final Pattern PID = Pattern.compile("pid (\\d+)");
    private static final String SECRET = "s3cret-db-password-7f1c";

    private final Api api = SlipwayStack.api();

    @Test
    void aKilledProcessIsStartedAgainAlsoByARestartedWorker(@TempDir Path dir) throws Exception {
        api.createApp("phoenix");
        assertEquals("SUCCEEDED", api.deploy("phoenix", Apps.python(dir, "one", null)).state());
        web("phoenix", p -> p.get("state").asText().equals("UP"));
        long serving = servingPid("phoenix");

        ProcessHandle.of(serving).orElseThrow().destroyForcibly(); // kill -9 of the app's server

        JsonNode again = web("phoenix", p -> p.get("restarts").asInt() == 1 && p.get("state").asText().equals("UP"));
        assertTrue(Apps.eventually(() -> servingPid("phoenix") > 0 && servingPid("phoenix") != serving),
                "served again by a new process");
        long restarted = servingPid("phoenix");
        String crash = SlipwayStack.sql("select payload from event_log where app = 'phoenix'"
                + " and type = 'dev.slipway.ProcessCrashed'");
        assertTrue(crash.contains("\"exitCode\":137") && crash.contains("\"process\":\"web\""), crash);

        SlipwayStack.slipway(WORKERS, "stop");
        SlipwayStack.slipway(WORKERS, "start");
        JsonNode adopted = web("phoenix", p -> !p.get("worker").asText().equals(again.get("worker").asText()));
        assertEquals(again.get("pid").asLong(), adopted.get("pid").asLong(), "taken over, not started twice");
        assertEquals(restarted, servingPid("phoenix"));
        assertEquals(1, api.get("/api/apps/phoenix/processes").body().size());

        ProcessHandle.of(restarted).orElseThrow().destroyForcibly();

        web("phoenix", p -> p.get("restarts").asInt() == 2 && p.get("state").asText().equals("UP"));
        assertTrue(Apps.eventually(() -> servingPid("phoenix") > 0 && servingPid("phoenix") != restarted),
                "the new worker started it again");
    }

    @Test
    void aProcessThatKeepsCrashingEndsWithItsReleaseCrashed(@TempDir Path dir) throws Exception {
        api.createApp("icarus");
        assertEquals(200, api.put("/api/apps/icarus/config", Map.of("DB_PASSWORD", SECRET)).status());
        Apps.python(dir, "one", null);
        // Serves once; every later start fails, printing its config var.
        Files.writeString(dir.resolve("app.py"), """
                import os, sys
                marker = os.path.join(os.environ["HOME"], "started-once")
                if os.path.exists(marker):
                    print("boom: cannot reach postgres://app:" + os.environ["DB_PASSWORD"] + "@db", flush=True)
                    sys.exit(3)
                open(marker, "w").close()
                """ + Files.readString(dir.resolve("app.py")));
        assertEquals("SUCCEEDED", api.deploy("icarus", dir).state());
        web("icarus", p -> p.get("state").asText().equals("UP"));

        ProcessHandle.of(servingPid("icarus")).orElseThrow().destroyForcibly();

        JsonNode crashed = web("icarus", p -> p.get("state").asText().equals("CRASHED"));
        assertEquals(3, crashed.get("exitCode").asInt());
        // ReleaseCrashed is a fact of its own, after the last ProcessCrashed: it may be folded in a moment later.
        assertTrue(Apps.eventually(() -> currentRelease("icarus").get("state").asText().equals("CRASHED")),
                () -> currentRelease("icarus").toString());
        JsonNode release = currentRelease("icarus");
        assertTrue(release.get("crashReason").asText().startsWith("web.1 crashed " + SlipwayStack.CRASH_LIMIT
                + " times within 300 s"), release::toString);
        String crashes = SlipwayStack.sql("select payload from event_log where app = 'icarus'"
                + " and type = 'dev.slipway.ProcessCrashed' order by position");
        assertTrue(crashes.contains("boom: cannot reach postgres://app:****@db"), crashes);
        assertFalse(crashes.contains(SECRET), "the last lines are masked");
        assertEquals(SlipwayStack.CRASH_LIMIT, crashes.lines().count(), crashes);
    }

    private JsonNode currentRelease(String app) {
        try {
            return api.get("/api/apps/" + app).body().get("currentRelease");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The app's web.1 once it satisfies {@code wanted}, as the API lists it. */
    private JsonNode web(String app, Predicate<JsonNode> wanted) throws Exception {
        JsonNode[] found = new JsonNode[1];
        boolean seen = Apps.eventually(() -> {
            try {
                for (JsonNode process : api.get("/api/apps/" + app + "/processes").body()) {
                    if (process.get("process").asText().equals("web.1") && process.get("current").asBoolean()
                            && wanted.test(process)) {
                        found[0] = process;
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(seen, () -> {
            try {
                return "web.1 of " + app + " never got there: " + api.get("/api/apps/" + app + "/processes").body()
                        + "\n" + SlipwayStack.serviceLogs();
            } catch (Exception e) {
                return e.toString();
            }
        });
        return found[0];
    }

    /** The pid the app's page says serves it (python-hello shows its own), or -1 while nothing answers. */
    private long servingPid(String app) {
        try {
            Matcher pid = PID.matcher(api.viaProxy(app + ".localhost").body());
            return pid.find() ? Long.parseLong(pid.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
