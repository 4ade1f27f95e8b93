package dev.slipway.workers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.HttpExtension;
import dev.slipway.api.PluginStorage;
import dev.slipway.messaging.PluginReply;
import dev.slipway.messaging.PluginRequest;
import dev.slipway.workers.isolation.PluginBoxes;
import dev.slipway.workers.isolation.SecretMask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An executable plugin's REST extension, called through the dispatcher as a Java one is. */
class ExecutableHttpExtensionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path plugins;
    @TempDir
    Path host;

    private final List<String> grants = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final HostAccess access = (plugin, deploymentId) -> {
        grants.add(plugin + " " + deploymentId);
        return new HostAccess.Grant() {
            @Override
            public Map<String, String> env() {
                return Map.of("SLIPWAY_STORAGE_TOKEN", "for-" + plugin);
            }

            @Override
            public void close() {
                grants.add("revoked");
            }
        };
    };
    private final HttpDispatcher dispatcher = new HttpDispatcher("w1", (extension, failure) ->
            failures.add(extension.name() + ": " + failure));
    private HttpExtension extension;
    private HttpExtension.Context context;

    @BeforeEach
    void load() throws IOException {
        FoundPlugin found = new ExecutablePlugins(new PluginCalls(PluginBoxes.unisolated(host), access),
                Duration.ofSeconds(1), Duration.ofMinutes(1)).load(fixture("web"));
        PluginSet set = new PluginSet(List.of(found), new PluginSettings(name -> Optional.empty()));
        extension = set.http("web").orElseThrow(() -> new AssertionError(set.descriptions()));
        assertEquals(List.of(new dev.slipway.messaging.WorkerAnnounced.Provided("http", "web", 0, List.of(
                new dev.slipway.messaging.WorkerAnnounced.SettingInfo("greeting", "STRING", "ahoy", "what it says")),
                List.of())), set.descriptions().get(0).provides());
        context = new PluginRequests.ExtensionContext(set.settings(extension), PluginStorage.unavailable());
    }

    @Test
    void theProgramGetsTheRequestItsSettingsAndItsStorageGrantAndItsAnswerIsTheReply() throws Exception {
        PluginReply reply = dispatch("PUT", "/echo", Map.of("q", "1"), "application/json", "{\"k\": 1}");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.contentType(), "a JSON body is JSON unless said otherwise");
        JsonNode body = JSON.readTree(reply.body());
        assertEquals(JSON.readTree("""
                {"protocol": "1.0", "operation": "http", "plugin": "web", "kind": "http", "strategy": "web",
                 "method": "PUT", "path": "/echo", "query": {"q": "1"}, "contentType": "application/json",
                 "body": "{\\"k\\": 1}", "settings": {"greeting": "ahoy"}}"""), body.get("request"));
        assertEquals("ahoy", body.get("greeting").asText(), "the settings are in the environment too");
        assertEquals("for-web", body.get("grant").asText(), "it is granted the host's services");
        assertEquals("none", body.get("app").asText(), "a REST call is for no app");
        assertEquals(List.of("web null", "revoked"), grants, "for no deployment, revoked when the call ends");

        PluginReply page = dispatch("GET", "/page", Map.of(), null, "");
        assertEquals(new PluginReply(page.id(), "w1", 200, "text/html", "<p>hi</p>"), page);
        PluginReply bad = dispatch("GET", "/bad", Map.of(), null, "");
        assertEquals(400, bad.status());
        assertEquals("{\"error\":\"no such thing\"}", bad.body());
        assertEquals(List.of(), failures);
    }

    @Test
    void aProgramThatCrashesHangsOrAnswersWronglyIsA502AndThePluginsLastFailure() {
        assertEquals("plugin web failed: StageException: plugin web (http) failed with exit code 3 (broken: no luck);"
                + " its stderr is in the log", error(dispatch("GET", "/crash", Map.of(), null, ""), 502));
        assertTrue(error(dispatch("GET", "/garbage", Map.of(), null, ""), 502)
                .contains("plugin web (http) printed garbage on stdout, not a JSON object: \"not JSON\""));
        assertTrue(error(dispatch("GET", "/wrong", Map.of(), null, ""), 502)
                .endsWith("plugin web (http) answered wrongly: status is not a whole number such as 200"));
        assertEquals("plugin web answered what cannot be passed on: status 99 is not one of 200 to 599",
                error(dispatch("GET", "/odd-status", Map.of(), null, ""), 502));
        assertTrue(error(dispatch("GET", "/hang", Map.of(), null, ""), 502)
                .endsWith("plugin web (http) did not finish within 1 s and was stopped with everything it started"));
        assertEquals(5, failures.size(), failures::toString);
        assertTrue(failures.get(0).startsWith("web: handle() failed: StageException: plugin web (http) failed"),
                failures::toString);
    }

    private PluginReply dispatch(String method, String path, Map<String, String> query, String contentType,
                                 String body) {
        return dispatcher.dispatch(new PluginRequest(UUID.randomUUID(), "w1", "web", method, path, query, contentType,
                body, 9_000), extension, context, SecretMask.NONE);
    }

    private static String error(PluginReply reply, int status) {
        assertEquals(status, reply.status(), reply::toString);
        try {
            return JSON.readTree(reply.body()).get("error").asText();
        } catch (IOException e) {
            throw new AssertionError(reply.body(), e);
        }
    }

    private Path fixture(String script) throws IOException {
        Path program = plugins.resolve(PluginProtocol.PREFIX + script);
        try (InputStream in = getClass().getResourceAsStream("/executable-plugins/" + script)) {
            Files.write(program, in.readAllBytes());
        }
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }
}
