package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sealing key rotates with no downtime: bin/slipway rotate-secrets-key adds a key version, the
 * running orchestrator re-seals every stored value with it while a deployment runs, the workers
 * open it without a restart, and once the old version is retired the app still gets its vars.
 */
@ExtendWith(SlipwayStack.class)
class SecretRotationIT {

    private static final String APP = "rotating";
    private static final String FIRST = "rotate-sekret-31";
    private static final String SECOND = "rotate-sekret-62";
    private static final String HOOKS = """
            [hooks]
            post_deploy = "printf %s \\"$TOKEN\\" > $HOME/token.txt"
            """;
    private static final Path KEY_FILE = SlipwayStack.HOME.resolve("secrets-keys");

    private final Api api = SlipwayStack.api();

    @Test
    void rotationResealsEverythingWhileDeploymentsRunAndTheVarsStillArrive(@TempDir Path dir) throws Exception {
        api.createApp(APP);
        api.put("/api/apps/" + APP + "/config", Map.of("TOKEN", FIRST));
        Api.Outcome first = api.deploy(APP, Apps.python(Files.createDirectories(dir.resolve("one")), "one", HOOKS));
        assertEquals("SUCCEEDED", first.state(), () -> first.deployment().toString());
        assertEquals(FIRST, Files.readString(Apps.home("rotating").resolve("token.txt")));
        int before = newestVersion();
        assertTrue(Integer.parseInt(storedAt(before)) > 0, "values sealed with key version " + before);

        // A deployment in flight: its build command went out sealed with the old version.
        Api.Answer running = api.upload(APP, Api.pack(Apps.python(Files.createDirectories(dir.resolve("two")), "two", HOOKS)));
        assertEquals(202, running.status(), running::toString);
        SlipwayStack.slipway("rotate-secrets-key");

        int after = newestVersion();
        assertEquals(before + 1, after);
        assertEquals(List.of(before, after), versions(), "the old version stays until it is retired");
        String id = running.body().get("id").asText();
        List<Api.Event> events = api.events(id);
        assertEquals("SUCCEEDED", api.get("/api/deployments/" + id).body().get("state").asText(), events::toString);
        assertEquals(FIRST, Files.readString(Apps.home("rotating").resolve("token.txt")));

        JsonNode again = api.post("/api/secrets/rotate", Map.of()).body();
        assertEquals(after, again.get("version").asInt(), again::toString);
        again.get("resealed").forEach(count -> assertEquals(0, count.asInt(), "nothing left to re-seal: " + again));
        assertEquals("0", storedAt(before), "no stored value at the old version");
        assertTrue(Integer.parseInt(storedAt(after)) > 0);

        awaitNoDeploymentInFlight();
        SlipwayStack.slipway("rotate-secrets-key", "--retire-old");
        assertEquals(List.of(after), versions());

        Api.Answer changed = api.put("/api/apps/" + APP + "/config", Map.of("TOKEN", SECOND));
        assertEquals(202, changed.status(), changed::toString);
        String third = changed.body().get("id").asText();
        List<Api.Event> thirdEvents = api.events(third);
        assertEquals("SUCCEEDED", api.get("/api/deployments/" + third).body().get("state").asText(),
                thirdEvents::toString);
        assertEquals(SECOND, Files.readString(Apps.home("rotating").resolve("token.txt")),
                "opened with the newest version alone");
    }

    /** Values sealed with key {@code version}, in every table that holds sealed values. */
    private static String storedAt(int version) throws Exception {
        String older = version == 0 ? "\"v1:" : "\"v2:" + version + ":";
        return SlipwayStack.sql("select (select count(*) from app_config where sealed like 'v2:" + version + ":%'"
                + (version == 0 ? " or sealed like 'v1:%'" : "") + ")"
                + " + (select count(*) from deployments where config like '%" + older + "%')"
                + " + (select count(*) from outbox where payload like '%" + older + "%')"
                + " + (select count(*) from event_log where payload like '%" + older + "%')");
    }

    private static List<Integer> versions() throws Exception {
        return Files.readAllLines(KEY_FILE).stream().filter(l -> !l.isBlank()).map(l -> Integer.parseInt(l.split(" ")[0]))
                .sorted().toList();
    }

    private static int newestVersion() throws Exception {
        List<Integer> versions = versions();
        return versions.get(versions.size() - 1);
    }

    /** Other tests' deployments, too: the retirement refuses while any runs. */
    private static void awaitNoDeploymentInFlight() throws Exception {
        for (int i = 0; i < 180; i++) {
            if (SlipwayStack.sql("select count(*) from deployments where state not in"
                    + " ('SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'CANCELLED')").equals("0")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("deployments still in flight after 3 minutes");
    }
}
