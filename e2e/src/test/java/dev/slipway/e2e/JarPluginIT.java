package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static final Path BANNER = SlipwayStack.REPO.resolve(
            "examples/plugins/banner-builder/target/banner-builder-0.1.0-SNAPSHOT.jar");

    private final Api api = SlipwayStack.api();
    private final Plugins plugins = new Plugins(api);

    @Test
    void aJarPluginIsUsedWithoutARestartAndForgottenWhenRemoved(@TempDir Path dir) throws Exception {
        Plugins.put(BANNER, "banner.jar", false);
        assertTrue(Apps.eventually(() -> plugins.status("banner").filter(s -> s.equals("LOADED")).isPresent()),
                () -> "the workers did not load the plugin: " + plugins.all());
        JsonNode banner = plugins.get("banner").orElseThrow();
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

        Files.delete(Plugins.DIR.resolve("banner.jar"));
        assertTrue(Apps.eventually(() -> plugins.get("banner").isEmpty()), () -> "still listed: " + plugins.all());
        Api.Answer refused = api.upload("banner", Api.pack(dir));
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().get("error").asText().contains("[build] strategy \"banner\" is unknown"),
                refused.toString());
    }

    @Test
    void brokenJarsAreReportedWithTheirReasonAndDeploymentsGoOn(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.jar");
        Files.writeString(garbage, "not a zip at all");
        Plugins.put(garbage, "garbage.jar", false);
        Plugins.put(withApiVersion(BANNER, "2.0", dir.resolve("too-new.jar")), "too-new.jar", false);

        assertTrue(Apps.eventually(() -> plugins.status("garbage").isPresent() && plugins.status("banner").isPresent()),
                () -> "not reported: " + plugins.all());
        assertEquals("REFUSED", plugins.status("garbage").orElseThrow());
        assertTrue(plugins.problem("garbage").startsWith("cannot be read: "), plugins.problem("garbage"));
        assertEquals("REFUSED", plugins.status("banner").orElseThrow());
        assertEquals("targets plugin API 2.0; this Slipway supports plugin API 1.0 to 1.0", plugins.problem("banner"));

        api.createApp("after-broken");
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "still deploying");
        Api.Outcome outcome = api.deploy("after-broken", site);
        assertEquals("SUCCEEDED", outcome.state(), () -> outcome.deployment().toString());

        Files.delete(Plugins.DIR.resolve("garbage.jar"));
        Files.delete(Plugins.DIR.resolve("too-new.jar"));
        assertTrue(Apps.eventually(() -> plugins.get("garbage").isEmpty() && plugins.get("banner").isEmpty()),
                () -> plugins.all().toString());
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
}
