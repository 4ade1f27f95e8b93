package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment in progress keeps the plugin versions it was accepted with: a hook plugin replaced
 * with {@code slip plugins install} while the deployment waits in its post_build stage is run in
 * its old version at that deployment's post_deploy, and in its new one by the next deployment.
 */
@ExtendWith(SlipwayStack.class)
class PluginPinningIT {

    private final Api api = SlipwayStack.api();

    @Test
    void aPluginReplacedWhileADeploymentRunsIsUsedInItsOldVersionThereAndInItsNewOneByTheNext(@TempDir Path dir)
            throws Exception {
        Path first = FixturePlugins.jar("pin-hook", Files.createDirectories(dir.resolve("v1")), "1.0.0");
        Path second = FixturePlugins.jar("pin-hook", Files.createDirectories(dir.resolve("v2")), "2.0.0");
        install(first);
        try {
            api.createApp("pinned");
            Path marker = SlipwayStack.HOME.resolve("pin-marker-" + UUID.randomUUID());
            Path site = Files.createDirectories(dir.resolve("site"));
            Files.writeString(site.resolve("index.html"), "<p>pinned</p>\n");
            Files.writeString(site.resolve("slipway.toml"), "[env]\nPIN_MARKER = \"" + marker + "\"\n");

            Api.Answer accepted = api.upload("pinned", Api.pack(site));
            assertEquals(202, accepted.status(), accepted::toString);
            String during = accepted.body().get("id").asText();
            // Accepted with 1.0.0; its post_build waits for the marker, so 2.0.0 comes while it runs.
            install(second);
            Files.writeString(marker, "go");
            api.events(during);
            JsonNode pinned = api.get("/api/deployments/" + during).body();
            assertEquals("SUCCEEDED", pinned.get("state").asText(), pinned::toString);
            assertEquals(List.of("1.0.0", sha256(first)), plugin(pinned, "post_deploy"), pinned::toString);
            assertTrue(api.logs(during).contains("pin-hook 1.0.0 ran at post_deploy"), () -> logs(during));

            Files.delete(marker);
            Files.writeString(marker, "go");
            Api.Outcome next = api.deploy("pinned", site);
            assertEquals("SUCCEEDED", next.state(), () -> next.deployment().toString());
            assertEquals(List.of("2.0.0", sha256(second)), plugin(next.deployment(), "post_deploy"),
                    () -> next.deployment().toString());
            assertTrue(api.logs(next.id()).contains("pin-hook 2.0.0 ran at post_deploy"), () -> logs(next.id()));
        } finally {
            Slip.run("plugins", "remove", "pin-hook", "--timeout", "120");
        }
    }

    private static void install(Path jar) throws Exception {
        // The stack's workers may include one stopped by another test that is still taken for live: wait it out.
        Slip.Result installed = Slip.run("plugins", "install", jar.toString(), "--timeout", "120");
        assertEquals(0, installed.exitCode(), installed::toString);
        assertTrue(installed.out().contains("sha256 " + sha256(jar)), installed.out());
    }

    /** The version and checksum of pin-hook that the deployment's row for {@code stage} says its worker ran. */
    private static List<String> plugin(JsonNode deployment, String stage) {
        for (JsonNode row : deployment.get("stages")) {
            if (row.get("stage").asText().equals(stage)) {
                for (JsonNode plugin : row.get("plugins")) {
                    if (plugin.get("name").asText().equals("pin-hook")) {
                        return List.of(plugin.get("version").asText(), plugin.get("checksum").asText());
                    }
                }
            }
        }
        return List.of();
    }

    private String logs(String deployment) {
        try {
            return String.join("\n", api.logs(deployment));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
