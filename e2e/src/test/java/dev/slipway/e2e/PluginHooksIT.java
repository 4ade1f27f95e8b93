package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hook plugin dropped into the running stack's plugins directory (the example recorder, which
 * subscribes to every point and writes each call down) is called at each point of an app's life with
 * that point's context; a failing subscriber vetoes at pre_deploy and is only reported at post_build.
 */
@ExtendWith(SlipwayStack.class)
class PluginHooksIT {

    private static final Path PLUGINS = SlipwayStack.HOME.resolve("plugins");
    private static final Path RECORDER = SlipwayStack.REPO.resolve(
            "examples/plugins/hook-recorder/target/hook-recorder-0.1.0-SNAPSHOT.jar");
    /** Where the stack tells the recorder to write (SLIPWAY_PLUGINS_RECORDER_DIR). */
    private static final Path CALLS = SlipwayStack.HOME.resolve("hook-calls").resolve("hooked.log");
    private static final String SECRET = "plugin-hooks-sekret-93";

    private final Api api = SlipwayStack.api();

    @Test
    void aHookPluginIsCalledAtEveryPointWithItsContextAndVetoesOnlyWhereItMay(@TempDir Path dir) throws Exception {
        install();
        try {
            api.createApp("hooked");
            Map<String, String> created = eventually("app_created", null);
            assertEquals("-", created.get("release"), created::toString);
            assertEquals("-", created.get("artifact"), created::toString);
            assertTrue(Apps.eventually(() -> appHook("app_created").equals("COMPLETED")), () -> appHooks().toString());

            Api.Outcome first = api.deploy("hooked", site(dir, "first", null));
            assertEquals("SUCCEEDED", first.state(), () -> first.deployment().toString());
            assertEquals(List.of("post_build", "pre_deploy", "post_deploy"), pointsOf(first.id()));
            Map<String, String> postBuild = call("post_build", first.id());
            assertEquals(first.id(), postBuild.get("release"), "the release to be has the deployment's id");
            assertEquals("true", postBuild.get("pending"), postBuild::toString);
            assertEquals("static", postBuild.get("artifact"), postBuild::toString);
            assertEquals("true", call("pre_deploy", first.id()).get("pending"));
            assertEquals("false", call("post_deploy", first.id()).get("pending"), "post_deploy runs beside the release");
            assertEquals(List.of("SUCCEEDED", "SUCCEEDED", "SUCCEEDED"), List.of(stage(first, "post_build").get("state")
                    .asText(), stage(first, "pre_deploy").get("state").asText(), stage(first, "post_deploy").get("state")
                    .asText()));

            Api.Outcome second = api.deploy("hooked", site(dir, "second", "post_build"));
            assertEquals("SUCCEEDED", second.state(), () -> second.deployment().toString());
            JsonNode reported = stage(second, "post_build");
            assertEquals("FAILED", reported.get("state").asText(), reported::toString);
            assertTrue(reported.get("error").asText().contains("recorder: recorder: told to fail at post_build"),
                    reported::toString);
            assertTrue(api.logs(second.id()).contains("post_build: recorder failed: recorder: told to fail at post_build"));
            assertTrue(api.viaProxy("hooked.localhost").body().contains("second"));
            Map<String, String> preStop = eventually("pre_stop", first.id());
            assertEquals("false", preStop.get("pending"), "the replaced release, running, stops after its pre_stop");

            Api.Outcome third = api.deploy("hooked", site(dir, "third", "pre_deploy"));
            assertEquals("FAILED", third.state(), () -> third.deployment().toString());
            String error = third.deployment().get("error").asText();
            assertTrue(error.startsWith("pre_deploy: pre_deploy hook failed: subscriber recorder: recorder: told to fail")
                    && error.endsWith("the previous release keeps serving"), error);
            assertFalse(third.types().contains("DeployStarted"), third.types()::toString);
            assertEquals(List.of("post_build", "pre_deploy"), pointsOf(third.id()));
            assertTrue(api.viaProxy("hooked.localhost").body().contains("second"), "the vetoed release never served");

            Api.Answer changed = api.put("/api/apps/hooked/config", Map.of("API_TOKEN", SECRET));
            assertEquals(202, changed.status(), changed::toString);
            String fourth = changed.body().get("id").asText();
            api.events(fourth);
            assertEquals("SUCCEEDED", api.get("/api/deployments/" + fourth).body().get("state").asText());
            Map<String, String> configChanged = eventually("config_changed", null);
            assertEquals("API_TOKEN", configChanged.get("changed"), "the names of the changed vars");
            assertEquals(second.id(), configChanged.get("release"), "the release serving when they changed");
            assertEquals("0", configChanged.get("env"), "no var opened at an app point");
            assertEquals("0", configChanged.get("sealed"), "not even sealed");
            assertEquals(List.of("pre_deploy", "post_deploy"), pointsOf(fourth), "a release of the same artifact: no build");
            assertTrue(Apps.eventually(() -> appHook("config_changed").equals("COMPLETED")), () -> appHooks().toString());

            Api.Answer deleted = api.delete("/api/apps/hooked");
            assertTrue(deleted.status() < 300, deleted::toString);
            eventually("pre_stop", fourth);
            Map<String, String> destroyed = eventually("app_destroyed", null);
            assertEquals("-", destroyed.get("release"), destroyed::toString);
            assertTrue(Apps.eventually(() -> appHook("app_destroyed").equals("COMPLETED")), () -> appHooks().toString());
            assertFalse(Files.readString(CALLS).contains(SECRET));
        } finally {
            Files.deleteIfExists(PLUGINS.resolve("recorder.jar"));
            Apps.eventually(() -> recorderStatus().isEmpty());
        }
    }

    private void install() throws Exception {
        Files.createDirectories(PLUGINS);
        Files.deleteIfExists(CALLS);
        Path partial = PLUGINS.resolve(".recorder.jar.partial");
        Files.copy(RECORDER, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, PLUGINS.resolve("recorder.jar"), StandardCopyOption.ATOMIC_MOVE);
        assertTrue(Apps.eventually(() -> recorderStatus().equals("LOADED")),
                () -> "the workers did not load the recorder: " + plugins());
    }

    /** A static site whose slipway.toml tells the recorder to fail at {@code failAt}. */
    private static Path site(Path dir, String text, String failAt) throws IOException {
        Files.writeString(dir.resolve("index.html"), "<p>" + text + "</p>\n");
        if (failAt == null) {
            Files.deleteIfExists(dir.resolve("slipway.toml"));
        } else {
            Files.writeString(dir.resolve("slipway.toml"), "[env]\nRECORDER_FAIL_AT = \"" + failAt + "\"\n");
        }
        return dir;
    }

    /** The recorder's calls, each as its key=value pairs. */
    private static List<Map<String, String>> calls() {
        List<Map<String, String>> calls = new ArrayList<>();
        try {
            if (!Files.exists(CALLS)) {
                return calls;
            }
            for (String line : Files.readAllLines(CALLS)) {
                Map<String, String> call = new LinkedHashMap<>();
                for (String pair : line.split(" ")) {
                    int eq = pair.indexOf('=');
                    call.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                calls.add(call);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return calls;
    }

    /** The points called for a deployment, in order; the pre_stop of the release it replaces aside. */
    private static List<String> pointsOf(String deployment) {
        return calls().stream().filter(c -> deployment.equals(c.get("deployment")) && !c.get("point").equals("pre_stop"))
                .map(c -> c.get("point")).toList();
    }

    private static Map<String, String> call(String point, String deployment) {
        return calls().stream().filter(c -> c.get("point").equals(point) && deployment.equals(c.get("deployment")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + point + " of " + deployment + ": " + calls()));
    }

    /** The call at {@code point} (of the release {@code release}, when given), once it was made. */
    private static Map<String, String> eventually(String point, String release) throws InterruptedException {
        assertTrue(Apps.eventually(() -> calls().stream().anyMatch(c -> matches(c, point, release))),
                () -> "no " + point + " call: " + calls());
        return calls().stream().filter(c -> matches(c, point, release)).findFirst().orElseThrow();
    }

    private static boolean matches(Map<String, String> call, String point, String release) {
        return call.get("point").equals(point) && (release == null || release.equals(call.get("release")));
    }

    private static JsonNode stage(Api.Outcome outcome, String name) {
        for (JsonNode stage : outcome.deployment().get("stages")) {
            if (stage.get("stage").asText().equals(name)) {
                return stage;
            }
        }
        throw new AssertionError("no " + name + " stage: " + outcome.deployment());
    }

    private JsonNode appHooks() {
        try {
            return api.get("/api/apps/hooked/hooks").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome of the app's last call at {@code point}, or "" before there is one. */
    private String appHook(String point) {
        String outcome = "";
        for (JsonNode hook : appHooks()) {
            if (hook.get("point").asText().equals(point)) {
                outcome = hook.get("outcome").asText();
            }
        }
        return outcome;
    }

    /** The recorder's status on the (one) worker, or "" while it has none. */
    private String recorderStatus() {
        for (JsonNode plugin : plugins()) {
            if (plugin.get("name").asText().equals("recorder")) {
                return plugin.get("workers").get(0).get("status").asText();
            }
        }
        return "";
    }

    private JsonNode plugins() {
        try {
            return api.get("/api/plugins").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
