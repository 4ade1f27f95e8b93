package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executable plugin (a shell script, {@code resources/executables/slipway-plugin-shell-tally})
 * put into the running stack uses what the host serves it: it counts its builds in its own storage
 * with the operator's setting, hands the count to its later stage through the deployment's
 * metadata, records the calls of its hook at the points it subscribes to, and answers under
 * {@code /api/plugins/shell-tally/} with what it stored, with the caller's token only; removed, its
 * REST path is gone.
 */
@ExtendWith(SlipwayStack.class)
class ExecutablePluginServicesIT {

    private static final Path TALLY = SlipwayStack.REPO.resolve(
            "e2e/src/test/resources/executables/slipway-plugin-shell-tally");
    private static final String APP = "shell-tallied";

    private final Api api = SlipwayStack.api();
    private final Plugins plugins = new Plugins(api);

    @Test
    void anExecutablePluginKeepsItsStorageAnswersItsRestExtensionAndIsCalledAtItsHookPoints(@TempDir Path dir)
            throws Exception {
        Plugins.put(TALLY, "slipway-plugin-shell-tally", true);
        assertTrue(Apps.eventually(() -> plugins.status("shell-tally").filter(s -> s.equals("LOADED")).isPresent()),
                () -> "the workers did not load the plugin: " + plugins.all());
        List<String> kinds = new ArrayList<>();
        plugins.get("shell-tally").orElseThrow().get("provides").forEach(p -> kinds.add(p.get("kind").asText()));
        assertEquals(List.of("builder", "hook", "http"), kinds.stream().sorted().toList());

        api.createApp(APP);
        Files.writeString(dir.resolve("slipway.toml"), "[build]\nstrategy = \"shell-tally\"\n");
        Api.Outcome first = deploy(dir);
        assertEquals("<p>deployments counted: 1</p>", api.viaProxy(APP + ".localhost").body().strip(),
                "the count in its storage, with the operator's setting");
        List<String> log = api.logs(first.id());
        assertTrue(log.stream().anyMatch(l -> l.contains("shell-tally: carelessly printing its token ****")), log::toString);
        assertTrue(log.stream().noneMatch(l -> l.contains(SlipwayStack.SHELL_TALLY_TOKEN)), "a secret setting is masked");
        Api.Outcome second = deploy(dir);
        assertEquals("<p>deployments counted: 2</p>", api.viaProxy(APP + ".localhost").body().strip());

        Api.Answer count = api.get("/api/plugins/shell-tally/count");
        assertEquals(200, count.status(), count::toString);
        assertEquals(2, count.body().get("builds").asInt(), count::toString);
        Api.Answer anonymous = new Api("http://127.0.0.1:" + SlipwayStack.API_PORT, "not-the-token",
                SlipwayStack.PROXY_PORT).get("/api/plugins/shell-tally/count");
        assertEquals(401, anonymous.status(), anonymous::toString);

        // app_created is asked for after the app was made, deployments' post_deploy inside them.
        String created = "calls/" + APP + "/app_created/";
        assertTrue(Apps.eventually(() -> calls().stream().anyMatch(c -> c.startsWith(created))),
                () -> "app_created was not recorded: " + calls());
        List<String> calls = calls();
        assertEquals(sorted(List.of(
                "calls/" + APP + "/post_deploy/" + first.id() + " built 1",
                "calls/" + APP + "/post_deploy/" + second.id() + " built 2")),
                sorted(calls.stream().filter(c -> c.contains("/post_deploy/")).toList()),
                "the hook at each deployment, reading what its builder left in the deployment's metadata");
        assertEquals(1, calls.stream().filter(c -> c.startsWith(created) && c.endsWith(" built none")).count(),
                calls::toString);
        assertEquals(3, calls.size(), () -> "only the points it subscribes to: " + calls);

        Api.Answer bad = api.send("/api/plugins/shell-tally/count", "PUT", "text/plain", "many");
        assertEquals(400, bad.status(), bad::toString);
        assertEquals("the body must be the number of builds, a whole number", bad.body().get("error").asText());
        assertEquals(2, api.get("/api/plugins/shell-tally/count").body().get("builds").asInt(), "nothing was changed");
        Api.Answer set = api.send("/api/plugins/shell-tally/count", "PUT", "text/plain", "40");
        assertEquals(200, set.status(), set::toString);
        deploy(dir);
        assertEquals("<p>deployments counted: 41</p>", api.viaProxy(APP + ".localhost").body().strip(),
                "the builder counts on from what the extension stored");

        Files.delete(Plugins.DIR.resolve("slipway-plugin-shell-tally"));
        assertTrue(Apps.eventually(() -> status("/api/plugins/shell-tally/count") == 404),
                () -> "still answering: " + plugins.all());
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    private Api.Outcome deploy(Path dir) throws Exception {
        Api.Outcome outcome = api.deploy(APP, dir);
        assertEquals("SUCCEEDED", outcome.state(), () -> outcome.deployment().toString());
        return outcome;
    }

    /** What the hook recorded, through the plugin's REST extension: "key value" for each call of this app. */
    private List<String> calls() {
        try {
            Api.Answer answer = api.get("/api/plugins/shell-tally/calls");
            assertEquals(200, answer.status(), answer::toString);
            List<String> calls = new ArrayList<>();
            answer.body().fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("calls/" + APP + "/")) {
                    calls.add(e.getKey() + " " + e.getValue().asText());
                }
            });
            return calls;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int status(String path) {
        try {
            return api.get(path).status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
