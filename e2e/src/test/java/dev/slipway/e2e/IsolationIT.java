package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hostile app (e2e/src/test/resources/apps/probe) deployed through the public API tries to reach
 * Slipway's secrets, another app's files and environment, and the proxy's configuration. Every
 * attempt must be denied; the probe's own HOME is the control that shows it can tell.
 */
@ExtendWith(SlipwayStack.class)
class IsolationIT {

    private static final Path PROBE = SlipwayStack.REPO.resolve("e2e/src/test/resources/apps/probe");
    private static final String OTHER_SECRET = "other-apps-secret-4711";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Api api;
    private static Api.Outcome other;

    @BeforeAll
    static void deployTwoApps() throws Exception {
        api = SlipwayStack.api();
        for (String app : List.of("probe", "neighbour")) {
            assertEquals(201, api.createApp(app).status());
        }
        assertEquals(200, api.put("/api/apps/neighbour/config", Map.of("NEIGHBOUR_SECRET", OTHER_SECRET)).status());
        other = api.deploy("neighbour", PROBE);
        assertEquals("SUCCEEDED", other.state(), () -> other.deployment() + SlipwayStack.serviceLogs());
        Api.Outcome probe = api.deploy("probe", PROBE);
        assertEquals("SUCCEEDED", probe.state(), () -> probe.deployment() + SlipwayStack.serviceLogs());
    }

    @Test
    void theAppRunsAsItsOwnUnprivilegedUserWithNoOtherGroupsAndItsOwnHome() throws Exception {
        JsonNode me = ask("probe", "/whoami", null);
        JsonNode neighbour = ask("neighbour", "/whoami", null);

        assertTrue(me.get("uid").asLong() >= 700_000_000L, me::toString);
        assertNotEquals(neighbour.get("uid").asInt(), me.get("uid").asInt(), "two apps share a user");
        for (JsonNode group : me.get("groups")) {
            assertEquals(me.get("gid").asInt(), group.asInt(), "a supplementary group: " + me);
        }
        assertEquals(Apps.home("probe").toString(), me.get("home").asText());
        assertEquals("ok", attempt("write", Apps.home("probe").resolve("notes.txt")), "the probe cannot tell");
        assertEquals("ok", attempt("read", Apps.home("probe").resolve("notes.txt")), "the probe cannot tell");
    }

    @Test
    void slipwaysOwnSecretsAndTheHostsAreOutOfReach() throws Exception {
        Path home = SlipwayStack.HOME;
        List<Path> secrets = new ArrayList<>(List.of(home.resolve("secrets-keys"), home.resolve("api-token"),
                home.resolve("postgres/password"), home.resolve("postgres/plugins-password"), Path.of("/etc/shadow"), home.resolve("logs/orchestrator.log"),
                home.resolve("logs/workers.log"), home.resolve("kafka/credentials/worker"),
                home.resolve("kafka/credentials/orchestrator"), home.resolve("kafka/credentials/admin"),
                home.resolve("kafka/server.properties")));
        secrets.add(Path.of("/proc", Files.readString(home.resolve("run/orchestrator.pid")).strip(), "environ"));
        secrets.add(Path.of("/proc", Files.readString(home.resolve("run/workers.pid")).strip(), "environ"));
        for (Path secret : secrets) {
            assertTrue(Files.exists(secret), secret + " should exist, or this test proves nothing");
            assertEquals("denied", attempt("read", secret), "the app could read " + secret);
        }
        assertEquals("denied", attempt("list", home), "the app could list " + home);
        assertEquals("[]", ask("probe", "/environs", null).toString(), "the app could read other processes' environments");
    }

    @Test
    void anAppCannotSetVariablesThatChangeHowTheHostsProgramsLoad() throws Exception {
        Api.Answer refused = api.put("/api/apps/probe/config", Map.of("LD_PRELOAD", "/tmp/evil.so"));

        assertEquals(400, refused.status(), refused::toString);
        assertTrue(refused.body().get("error").asText().contains("LD_PRELOAD is not allowed"), refused::toString);
    }

    @Test
    void anotherAppsFilesAndItsOwnReleaseCannotBeTouched() throws Exception {
        Path neighbourTree = Apps.builtTree(other);
        Path neighbourApp = neighbourTree.resolve("app.py");
        Path neighbourLog = SlipwayStack.HOME.resolve("releases/neighbour").resolve(other.id()).resolve("1/web.1.log");
        assertTrue(Files.exists(neighbourApp) && Files.exists(neighbourLog), "the neighbour's files should exist");

        assertEquals("denied", attempt("read", neighbourApp));
        assertEquals("denied", attempt("read", neighbourLog));
        assertEquals("denied", attempt("list", neighbourTree));
        assertEquals("denied", attempt("list", Apps.home("neighbour")));
        assertEquals("denied", attempt("list", SlipwayStack.HOME.resolve("releases")));
        assertEquals("denied", attempt("write", SlipwayStack.HOME.resolve("nginx/conf.d/hijack.conf")));
        assertEquals("denied", attempt("write", SlipwayStack.HOME.resolve("nginx/nginx.conf")));
        Path ownTree = Path.of(ask("probe", "/whoami", null).get("home").asText()); // its HOME is writable ...
        assertEquals("ok", attempt("write", ownTree.resolve("scratch")));
        // ... its release is not: the code it runs stays as it was built.
        Path ownApp = neighbourTree.getParent().getParent().getParent().resolve("probe");
        try (var builds = Files.list(ownApp)) {
            Path built = builds.findFirst().orElseThrow().resolve("1/app.py");
            assertEquals("denied", attempt("write", built));
            assertEquals("ok", attempt("read", built));
        }
    }

    @Test
    void slipwaysHomeIsClosedToOthersAndItsSecretsAreOwnerOnly() throws Exception {
        assertEquals("rwx--x--x", perms(SlipwayStack.HOME));
        for (String secret : List.of("secrets-keys", "api-token", "postgres/password", "postgres/plugins-password")) {
            assertEquals("rw-------", perms(SlipwayStack.HOME.resolve(secret)), secret);
        }
        assertEquals("rwx------", perms(Apps.home("probe")));
    }

    private static String perms(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String attempt(String action, Path path) throws Exception {
        return ask("probe", "/" + action, path).get("result").asText();
    }

    private static JsonNode ask(String app, String action, Path path) throws Exception {
        String query = path == null ? "" : "?path=" + URLEncoder.encode(path.toString(), StandardCharsets.UTF_8);
        var answer = api.viaProxy(app + ".localhost", action + query);
        assertEquals(200, answer.statusCode(), answer::body);
        return JSON.readTree(answer.body());
    }
}
