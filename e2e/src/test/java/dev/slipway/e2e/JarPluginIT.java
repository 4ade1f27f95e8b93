package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java plugin installed with {@code slip plugins install} while everything runs reaches every worker,
 * one started later too, and is used by the next deployment, chosen by accept() and by name, with
 * its settings; removed with {@code slip plugins remove}, it is gone; a broken one dropped into the
 * plugins directory by hand is reported and deployments go on.
 */
@ExtendWith(SlipwayStack.class)
class JarPluginIT {

    private static final Path BANNER = SlipwayStack.REPO.resolve(
            "examples/plugins/banner-builder/target/banner-builder-0.1.0-SNAPSHOT.jar");

    private static final Map<String, String> WORKERS = Map.of("SLIPWAY_SERVICES", "workers");

    private final Api api = SlipwayStack.api();
    private final Plugins plugins = new Plugins(api);

    @Test
    void aJarPluginInstalledWithTheCliReachesEveryWorkerIsUsedAndIsForgottenWhenRemoved(@TempDir Path dir) throws Exception {
        // The stack's workers may include one stopped by another test that is still taken for live: wait it out.
        Slip.Result installed = Slip.run("plugins", "install", BANNER.toString(), "--timeout", "120");
        assertEquals(0, installed.exitCode(), installed::toString);
        assertTrue(installed.out().startsWith("installed banner (jar banner-builder-0.1.0-SNAPSHOT.jar, sha256 "
                + sha256(BANNER) + ")\n  on "), installed.out());
        assertTrue(installed.out().contains(": LOADED\n"), installed.out());
        // Nobody copied it: the worker wrote it from slipway.plugins.
        assertArrayEquals(Files.readAllBytes(BANNER), Files.readAllBytes(Plugins.DIR.resolve("banner.jar")));
        JsonNode banner = plugins.get("banner").orElseThrow();
        assertEquals("JAR", banner.get("origin").asText());
        assertEquals(sha256(BANNER), banner.get("installed").get("sha256").asText(), banner::toString);
        assertEquals("jar", banner.get("installed").get("kind").asText(), banner::toString);
        assertEquals("builder", banner.get("provides").get(0).get("kind").asText());
        assertEquals("title", banner.get("provides").get(0).get("settings").get(0).get("key").asText());

        // A worker started later on a host without the plugin (its plugins directory emptied) gets it too.
        SlipwayStack.slipway(WORKERS, "stop");
        deleteTree(Plugins.DIR.resolve("banner.jar"));
        deleteTree(Plugins.DIR.resolve(".installed"));
        SlipwayStack.slipway(WORKERS, "start");
        assertTrue(Apps.eventually(() -> Files.exists(Plugins.DIR.resolve("banner.jar"))), "the restarted worker did not get it");

        api.createApp("banner");
        Files.writeString(dir.resolve("banner.txt"), "ahoy <there>\n");
        Api.Outcome detected = deployWhenLoaded("banner", dir);
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

        // The stopped worker's last announcement still lists the plugin until it expires: remove waits for that too.
        Slip.Result removed = Slip.run("plugins", "remove", "banner", "--timeout", "120");
        assertEquals(0, removed.exitCode(), removed::toString);
        assertTrue(removed.out().startsWith("removed banner\n  on ") && removed.out().contains(": removed\n"), removed.out());
        assertFalse(Files.exists(Plugins.DIR.resolve("banner.jar")));
        assertTrue(plugins.get("banner").isEmpty(), () -> "still listed: " + plugins.all());
        Api.Answer refused = api.upload("banner", Api.pack(dir));
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().get("error").asText().contains("[build] strategy \"banner\" is unknown"),
                refused.toString());
        Slip.Result again = Slip.run("plugins", "remove", "banner");
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().contains("no plugin named \"banner\" was installed through the API"), again.err());
    }

    /** The restarted worker may still be scanning its plugins directory: a deployment is the proof it has them. */
    private Api.Outcome deployWhenLoaded(String app, Path dir) throws Exception {
        assertTrue(Apps.eventually(() -> plugins.get("banner").map(p -> p.get("workers").size()).orElse(0) >= live()),
                () -> "not every live worker has loaded it: " + plugins.all());
        return api.deploy(app, dir);
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
        assertTrue(Apps.eventually(() -> plugins.get("garbage").isEmpty() && plugins.get("banner").isEmpty()), () -> plugins.all().toString());
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

    private int live() {
        try {
            return api.get("/api/workers").body().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var files = Files.walk(path)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
