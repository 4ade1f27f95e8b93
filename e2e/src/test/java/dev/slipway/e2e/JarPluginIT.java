package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java plugin put into the workers' plugins directory while everything runs is used by the next
 * deployment, chosen by accept() and by name, with its settings; removed, it is gone; a broken one
 * is reported and deployments go on.
 */
@ExtendWith(SlipwayStack.class)
class JarPluginIT {

    private static final Path PLUGINS = FixturePlugins.PLUGINS;
    private static final Path BANNER = SlipwayStack.REPO.resolve(
            "examples/plugins/banner-builder/target/banner-builder-0.1.0-SNAPSHOT.jar");

    private final Api api = SlipwayStack.api();

    @Test
    void aJarPluginIsUsedWithoutARestartAndForgottenWhenRemoved(@TempDir Path dir) throws Exception {
        FixturePlugins.install(BANNER, "banner.jar");
        assertTrue(Apps.eventually(() -> status("banner").filter(s -> s.equals("LOADED")).isPresent()),
                () -> "the workers did not load the plugin: " + plugins());
        JsonNode banner = plugin("banner").orElseThrow();
        assertEquals("JAR", banner.get("origin").asText());
        assertEquals("builder", banner.get("provides").get(0).get("kind").asText());
        assertEquals("title", banner.get("provides").get(0).get("settings").get(0).get("key").asText());

        api.createApp("banner");
        Files.writeString(dir.resolve("banner.txt"), "ahoy <there>\n");
        Api.Outcome detected = api.deploy("banner", dir);
        assertEquals("SUCCEEDED", detected.state(), () -> detected.deployment().toString());
        JsonNode build = detected.deployment().get("stages").get(0);
        assertEquals("banner/banner", build.get("strategy").asText(), build.toString());
        assertTrue(build.get("reason").asText().startsWith("auto-detected: banner accepts"), build.toString());
        String page = api.viaProxy("banner.localhost").body();
        assertTrue(page.contains("<h1>Banner</h1>") && page.contains("ahoy &lt;there&gt;"), page);

        Files.writeString(dir.resolve("slipway.toml"), "[build]\nstrategy = \"banner\"\n");
        Files.writeString(dir.resolve("index.html"), "a static site the banner builder is named over");
        Api.Outcome named = api.deploy("banner", dir);
        assertEquals("SUCCEEDED", named.state(), () -> named.deployment().toString());
        assertEquals("named in configuration", named.deployment().get("stages").get(0).get("reason").asText());

        Files.delete(PLUGINS.resolve("banner.jar"));
        assertTrue(Apps.eventually(() -> plugin("banner").isEmpty()), () -> "still listed: " + plugins());
        Api.Answer refused = api.upload("banner", Api.pack(dir));
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().get("error").asText().contains("[build] strategy \"banner\" is unknown"),
                refused.toString());
    }

    @Test
    void brokenJarsAreReportedWithTheirReasonAndDeploymentsGoOn(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.jar");
        Files.writeString(garbage, "not a zip at all");
        FixturePlugins.install(garbage, "garbage.jar");
        FixturePlugins.install(withApiVersion(BANNER, "2.0", dir.resolve("too-new.jar")), "too-new.jar");

        assertTrue(Apps.eventually(() -> status("garbage").isPresent() && status("banner").isPresent()),
                () -> "not reported: " + plugins());
        assertEquals("REFUSED", status("garbage").orElseThrow());
        assertTrue(problem("garbage").startsWith("cannot be read: "), problem("garbage"));
        assertEquals("REFUSED", status("banner").orElseThrow());
        assertEquals("targets plugin API 2.0; this Slipway supports plugin API 1.0 to 1.0", problem("banner"));

        api.createApp("after-broken");
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "still deploying");
        Api.Outcome outcome = api.deploy("after-broken", site);
        assertEquals("SUCCEEDED", outcome.state(), () -> outcome.deployment().toString());

        Files.delete(PLUGINS.resolve("garbage.jar"));
        Files.delete(PLUGINS.resolve("too-new.jar"));
        assertTrue(Apps.eventually(() -> plugin("garbage").isEmpty() && plugin("banner").isEmpty()), () -> plugins().toString());
    }

    private static Path withApiVersion(Path jar, String version, Path copy) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Slipway-Plugin-Api", version);
            try (OutputStream file = Files.newOutputStream(copy); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    ((InputStream) in).transferTo(out);
                }
            }
        }
        return copy;
    }

    private JsonNode plugins() {
        try {
            return api.get("/api/plugins").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<JsonNode> plugin(String name) {
        for (JsonNode plugin : plugins()) {
            if (plugin.get("name").asText().equals(name)) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }

    private Optional<String> status(String name) {
        return plugin(name).map(p -> p.get("workers").get(0).get("status").asText());
    }

    private String problem(String name) {
        return plugin(name).orElseThrow().get("workers").get(0).get("problem").asText();
    }
}
