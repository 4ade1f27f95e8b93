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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar plugin's REST extension, put into the running stack, answers under /api/plugins/<name>/
 * through the orchestrator and a worker: with the caller's token only, never seeing it; the
 * plugin's own errors passed on; a plugin that throws is a 502 that shows none of its secrets, one
 * that hangs a 504; a plugin nobody has, or one removed, a 404.
 */
@ExtendWith(SlipwayStack.class)
class PluginHttpIT {

    private static final Path PLUGINS = SlipwayStack.HOME.resolve("plugins");
    private static final Path BANNER = SlipwayStack.REPO.resolve(
            "examples/plugins/banner-builder/target/banner-builder-0.1.0-SNAPSHOT.jar");
    private static final Path PLUGIN_API = SlipwayStack.REPO.resolve("plugin-api/target/plugin-api-0.1.0-SNAPSHOT.jar");
    /** The default of a setting of the fixture: what a secret of a plugin's looks like to the host. */
    private static final String SECRET = "swordfish-1234";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    PluginHttpIT() throws Exception {
        token = Files.readString(SlipwayStack.HOME.resolve("api-token")).strip();
    }

    record Answer(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    @Test
    void aJarPluginsRestExtensionAnswersThroughTheApi(@TempDir Path dir) throws Exception {
        put(BANNER, "banner.jar");
        put(flaky(dir), "flaky.jar");
        assertTrue(Apps.eventually(() -> call("GET", "/api/plugins/banner/title", token, null).status() == 200
                        && call("GET", "/api/plugins/flaky/echo", token, null).status() == 200),
                () -> "the extensions do not answer: " + call("GET", "/api/plugins", token, null));

        assertEquals("Banner", call("GET", "/api/plugins/banner/title", token, null).json().get("title").asText(),
                "the extension gets its settings");
        Answer preview = call("POST", "/api/plugins/banner/preview", token, "ahoy <there>");
        assertEquals(200, preview.status(), preview::toString);
        assertEquals("<h1>Banner</h1>\n<pre>ahoy &lt;there&gt;</pre>\n", preview.json().get("html").asText());

        assertEquals(401, call("GET", "/api/plugins/banner/title", null, null).status());
        assertEquals(401, call("POST", "/api/plugins/banner/preview", "wrong-token", "ahoy").status());

        Answer bad = call("POST", "/api/plugins/banner/preview", token, "   ");
        assertEquals(400, bad.status(), bad::toString);
        assertEquals("the body is the banner's text: 1 to 10000 characters, got 0", bad.json().get("error").asText());

        Answer echo = call("PUT", "/api/plugins/flaky/echo/a%20b?x=1&x=2&y=", token, "{\"k\":1}");
        assertEquals(200, echo.status(), echo::toString);
        assertEquals("PUT /echo/a b {x=1, y=} application/json {\"k\":1}", echo.body());
        assertFalse(echo.body().contains(token), "the plugin saw the caller's token");

        Answer crash = call("GET", "/api/plugins/flaky/crash", token, null);
        assertEquals(502, crash.status(), crash::toString);
        String error = crash.json().get("error").asText();
        assertEquals("plugin flaky failed: IllegalStateException: cannot log in to the vault with ****", error);
        assertFalse(crash.body().contains(SECRET) || crash.body().contains("fixture.Flaky"), crash::toString);

        Answer hang = call("GET", "/api/plugins/flaky/hang", token, null);
        assertEquals(504, hang.status(), hang::toString);
        assertTrue(hang.json().get("error").asText().startsWith("plugin flaky did not answer within "), hang::toString);
        assertTrue(Apps.eventually(() -> problem("flaky").contains("http flaky: handle() did not answer within")),
                () -> "the failure is not reported: " + call("GET", "/api/plugins", token, null));

        Answer unknown = call("GET", "/api/plugins/nobody-has-this/x", token, null);
        assertEquals(404, unknown.status(), unknown::toString);
        assertTrue(unknown.json().get("error").asText().contains("no live worker has plugin \"nobody-has-this\""));
        assertEquals(200, call("GET", "/api/plugins", token, null).status(), "the plugin list is still there");

        Files.delete(PLUGINS.resolve("banner.jar"));
        Files.delete(PLUGINS.resolve("flaky.jar"));
        assertTrue(Apps.eventually(() -> call("GET", "/api/plugins/banner/title", token, null).status() == 404),
                () -> "still answering: " + call("GET", "/api/plugins/banner/title", token, null));
        assertEquals(404, call("GET", "/api/plugins/flaky/echo", token, null).status());
    }

    private String problem(String plugin) {
        try {
            for (JsonNode p : call("GET", "/api/plugins", token, null).json()) {
                if (p.get("name").asText().equals(plugin)) {
                    return p.get("workers").get(0).path("problem").asText();
                }
            }
            return "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer call(String method, String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SlipwayStack.API_PORT + path))
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    private static void put(Path jar, String name) throws Exception {
        Files.createDirectories(PLUGINS);
        Path partial = PLUGINS.resolve("." + name + ".partial");
        Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, PLUGINS.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** A plugin whose extension echoes the request it gets (/echo…), throws (/crash) and hangs (/hang). */
    private static Path flaky(Path dir) throws Exception {
        Path source = dir.resolve("src/fixture/Flaky.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package fixture;
                import dev.slipway.api.HttpExtension;
                import dev.slipway.api.Setting;
                public class Flaky implements HttpExtension {
                    public String name() { return "flaky"; }
                    public java.util.List<Setting> settings() {
                        return java.util.List.of(new Setting("vault-key", Setting.Type.STRING, "%s", "a secret"));
                    }
                    public Response handle(Request r, Context c) {
                        if (r.path().equals("/crash")) {
                            throw new IllegalStateException("cannot log in to the vault with " + c.config().get("vault-key")
                                    + "\\n\\tat fixture.Flaky.handle(Flaky.java:12)");
                        }
                        if (r.path().equals("/hang")) {
                            try { Thread.sleep(120_000); } catch (InterruptedException e) { return null; }
                        }
                        return new Response(200, "text/plain", r.method() + " " + r.path() + " "
                                + new java.util.TreeMap<>(r.query()) + " " + r.contentType() + " " + r.body());
                    }
                }
                """.formatted(SECRET));
        Path classes = dir.resolve("classes");
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-cp", PLUGIN_API.toString(),
                "--release", "17", source.toString()));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new)));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Slipway-Plugin-Api", "1.0");
        manifest.getMainAttributes().putValue("Slipway-Plugin-Name", "flaky");
        Path jar = dir.resolve("flaky.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                Files.copy(file, out);
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.slipway.api.HttpExtension"));
            out.write("fixture.Flaky\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return jar;
    }
}
