package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code [[storage]]}: files an app writes there outlive its releases and rollbacks, and go only when asked. */
@ExtendWith(SlipwayStack.class)
class StorageIT {

    private static final String TOML = "[healthcheck]\npath = \"/healthz\"\ntimeout = \"30s\"\n";
    private static final String STORAGE = "\n[[storage]]\npath = \"data\"\n";

    private final Api api = SlipwayStack.api();

    @Test
    void filesInStorageOutliveReleasesAndRollbacksAndGoOnlyWhenAsked(@TempDir Path dir) throws Exception {
        api.createApp("keeps-files");
        Apps.python(dir, "one", TOML + STORAGE);
        // Each start of a web process adds its version to a file in the persistent directory.
        Files.writeString(dir.resolve("Procfile"), "web: cat VERSION >> data/starts.txt && exec python app.py\n");
        // What the build leaves at the path is hidden by the storage, as a mount would hide it.
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/from-the-build.txt"), "build\n");
        Path storage = SlipwayStack.HOME.resolve("apps/keeps-files/storage/data");

        assertEquals("SUCCEEDED", api.deploy("keeps-files", dir).state());
        Files.writeString(dir.resolve("VERSION"), "two\n");
        assertEquals("SUCCEEDED", api.deploy("keeps-files", dir).state());
        Api.Answer back = api.rollback("keeps-files", 1);
        assertEquals(202, back.status(), back::toString);
        String rollback = back.body().get("id").asText();
        assertEquals("SUCCEEDED", new Api.Outcome(rollback, api.events(rollback),
                api.get("/api/deployments/" + rollback).body()).state());

        assertEquals(List.of("one", "two", "one"), Files.readAllLines(storage.resolve("starts.txt")));
        assertFalse(Files.exists(storage.resolve("from-the-build.txt")));
        assertEquals(Files.getOwner(Apps.home("keeps-files")), Files.getOwner(storage), "the app's own user owns it");
        JsonNode current = api.get("/api/apps/keeps-files").body().get("currentRelease");
        assertEquals("data", current.get("storage").get(0).asText(), current::toString);

        assertEquals(409, api.delete("/api/apps/keeps-files/storage?path=data").status(), "the serving release uses it");
        assertEquals(400, api.delete("/api/apps/keeps-files/storage?path=../etc").status());
        assertEquals(400, api.delete("/api/apps/keeps-files/storage").status());
        assertEquals(404, api.delete("/api/apps/no-such-app/storage?path=data").status());

        Files.writeString(dir.resolve("slipway.toml"), TOML);
        Files.writeString(dir.resolve("Procfile"), "web: exec python app.py\n");
        assertEquals("SUCCEEDED", api.deploy("keeps-files", dir).state());
        assertTrue(Files.exists(storage.resolve("starts.txt")), "a release without it does not remove it");
        Api.Answer removed = api.delete("/api/apps/keeps-files/storage?path=data");
        assertEquals(202, removed.status(), removed::toString);
        assertTrue(Apps.eventually(() -> !Files.exists(storage), 60), "storage/data is left");
        assertTrue(api.viaProxy("keeps-files.localhost").body().contains("Version: two"));

        assertEquals(202, api.delete("/api/apps/keeps-files").status());
        assertTrue(Apps.eventually(() -> !Files.exists(SlipwayStack.HOME.resolve("apps/keeps-files")), 90),
                "a deleted app's storage is left");
    }

    @Test
    void linksTheAppPutsInItsStorageNeverLeadRootOut(@TempDir Path dir) throws Exception {
        Path victim = Files.createDirectories(Path.of("/tmp", "slipway-e2e-victim-" + System.nanoTime()));
        Files.createDirectories(victim.resolve("sub"));
        Files.writeString(victim.resolve("sub/precious.txt"), "root's\n");
        try {
            api.createApp("plants-links");
            Apps.python(dir, "one", TOML + STORAGE);
            Files.writeString(dir.resolve("Procfile"), "web: ln -sfn " + victim + " data/x; exec python app.py\n");
            assertEquals("SUCCEEDED", api.deploy("plants-links", dir).state());
            assertTrue(Files.isSymbolicLink(SlipwayStack.HOME.resolve("apps/plants-links/storage/data/x")));

            assertEquals(404, api.delete("/api/apps/plants-links/storage?path=data/x/sub").status(),
                    "no release declared it");
            Files.writeString(dir.resolve("slipway.toml"), TOML + "\n[[storage]]\npath = \"data/x/sub\"\n");
            Files.writeString(dir.resolve("VERSION"), "two\n");
            Api.Outcome inside = api.deploy("plants-links", dir);
            assertEquals("FAILED", inside.state(), "a storage path inside an earlier one's");
            assertTrue(inside.deployment().get("error").asText().contains("lies inside data"),
                    () -> inside.deployment().toString());
            assertTrue(api.viaProxy("plants-links.localhost").body().contains("Version: one"), "release 1 serves on");
            assertEquals(0, (Integer) Files.getAttribute(victim.resolve("sub"), "unix:uid", LinkOption.NOFOLLOW_LINKS),
                    "root's directory stays root's");

            Files.writeString(dir.resolve("slipway.toml"), TOML);
            Files.writeString(dir.resolve("Procfile"), "web: exec python app.py\n");
            assertEquals("SUCCEEDED", api.deploy("plants-links", dir).state());
            assertEquals(202, api.delete("/api/apps/plants-links/storage?path=data").status());
            assertTrue(Apps.eventually(() -> !Files.exists(SlipwayStack.HOME.resolve("apps/plants-links/storage/data"),
                    LinkOption.NOFOLLOW_LINKS), 60), "storage/data is left");
            assertTrue(Files.exists(victim.resolve("sub/precious.txt")), "the removal followed the app's link");
        } finally {
            Files.deleteIfExists(victim.resolve("sub/precious.txt"));
            Files.deleteIfExists(victim.resolve("sub"));
            Files.deleteIfExists(victim);
        }
    }
}
