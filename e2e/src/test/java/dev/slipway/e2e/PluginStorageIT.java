package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins' storage and deployment metadata on the real stack: a jar plugin counts its builds in
 * its storage and tells its deployer through the metadata; another plugin sees none of it; the
 * counts survive a restart of the workers, which reach the database as a role that may read
 * nothing else; the host routes for executable plugins want a token of a running call.
 */
@ExtendWith(SlipwayStack.class)
class PluginStorageIT {

    private static final Map<String, String> WORKERS = Map.of("SLIPWAY_SERVICES", "workers");

    private final Api api = SlipwayStack.api();

    @Test
    void aPluginKeepsItsOwnStorageAcrossDeploymentsAndRestartsAndHandsMetadataToItsLaterStages(@TempDir Path dir)
            throws Exception {
        Plugins.put(FixturePlugins.jar("tally", dir), "tally.jar", false);
        Plugins.put(FixturePlugins.jar("peeker", dir), "peeker.jar", false);
        assertTrue(Apps.eventually(() -> loaded("tally") && loaded("peeker")), () -> "not loaded: " + plugins());

        api.createApp("tallied");
        Path tree = Files.createDirectories(dir.resolve("tallied"));
        Files.writeString(tree.resolve("tally.txt"), "first note\n");
        assertTrue(deploy("tallied", tree).contains("<p>built 1</p>"));
        Files.writeString(tree.resolve("tally.txt"), "second note\n");
        String second = deploy("tallied", tree);
        assertTrue(second.contains("<p>built 2</p>"), second);
        assertTrue(second.contains("metadata count=2 note=second note"), "the deployer reads what its builder put: " + second);
        assertTrue(second.contains("stored {builds/tallied=2}"), second);

        api.createApp("peeking");
        Path peek = Files.createDirectories(dir.resolve("peeking"));
        Files.writeString(peek.resolve("peek.txt"), "");
        String peeked = deploy("peeking", peek);
        assertTrue(peeked.contains("seen all={} get=Optional.empty metadata={}"), "another plugin's keys are not its own: " + peeked);
        assertTrue(peeked.contains("refused plugin storage: the value of \"bad\" is not JSON"), peeked);
        // Its own key (32 bytes) and 8 values of 1008 bytes with their keys fit in 8192; the ninth is refused, and not kept.
        assertTrue(peeked.contains("filled 8 kept 8 then plugin storage: plugin peeker would keep 9104 bytes, over its "
                + "quota of 8192 (slipway.storage.quota-bytes); nothing was written"), peeked);
        String again = deploy("peeking", peek);
        assertTrue(again.contains("filled 8 kept 8 then plugin storage: plugin peeker would keep 9104 bytes"),
                "what was refused was not kept: " + again);
        assertTrue(again.contains("seen all={builds/tallied=\"the peeker's own\"}"), again);

        SlipwayStack.Psql rows = SlipwayStack.sqlAsPlugins(
                "select plugin || ' ' || key || ' ' || value::text from plugin_storage where key = 'builds/tallied' order by 1");
        assertTrue(rows.ok(), rows.out());
        assertEquals("peeker builds/tallied \"the peeker's own\"\ntally builds/tallied 2", rows.out());
        for (String table : new String[] {"event_log", "deployments", "app_config", "outbox"}) {
            SlipwayStack.Psql refused = SlipwayStack.sqlAsPlugins("select count(*) from " + table);
            assertFalse(refused.ok(), table + " is readable by the workers' role: " + refused.out());
            assertTrue(refused.out().contains("permission denied"), refused.out());
        }

        SlipwayStack.slipway(WORKERS, "stop");
        SlipwayStack.slipway(WORKERS, "start");
        Files.writeString(tree.resolve("tally.txt"), "after a restart\n");
        String third = deploy("tallied", tree);
        assertTrue(third.contains("<p>built 3</p>") && third.contains("stored {builds/tallied=3}"), third);

        Files.delete(Plugins.DIR.resolve("tally.jar"));
        Files.delete(Plugins.DIR.resolve("peeker.jar"));
    }

    @Test
    void theHostRoutesForExecutablePluginsWantATokenOfARunningCall() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + SlipwayStack.WORKER_PORT + "/host";
        for (HttpRequest.Builder request : new HttpRequest.Builder[] {
                HttpRequest.newBuilder(URI.create(base + "/storage/builds")).GET(),
                HttpRequest.newBuilder(URI.create(base + "/storage/builds")).header("Authorization", "Bearer made-up")
                        .PUT(HttpRequest.BodyPublishers.ofString("1")),
                HttpRequest.newBuilder(URI.create(base + "/storage?prefix=")).header("Authorization", "Bearer ")
                        .GET(),
                HttpRequest.newBuilder(URI.create(base + "/metadata")).header("Authorization", "Basic eDp5").GET()}) {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, answer.statusCode(), answer.body());
            JsonNode error = new ObjectMapper().readTree(answer.body());
            assertEquals("a bearer token of a running plugin call is required", error.get("error").asText());
        }
    }

    /** Deploys {@code tree} into {@code app} and answers the page it serves. */
    private String deploy(String app, Path tree) throws Exception {
        Api.Outcome outcome = api.deploy(app, tree);
        assertEquals("SUCCEEDED", outcome.state(), () -> outcome.deployment().toString());
        return api.viaProxy(app + ".localhost").body();
    }

    private boolean loaded(String name) {
        for (JsonNode plugin : plugins()) {
            if (plugin.get("name").asText().equals(name)) {
                return plugin.get("workers").get(0).get("status").asText().equals("LOADED");
            }
        }
        return false;
    }

    private JsonNode plugins() {
        try {
            return api.get("/api/plugins").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
