package dev.slipway.workers.stage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removing an app's files takes exactly them, whatever the app left in its trees. */
class AppFilesTest {

    @TempDir
    Path home;

    @Test
    void removesTheNamedDeploymentsAndNothingElse() throws Exception {
        UUID old = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        Path oldBuild = Files.createDirectories(home.resolve("builds/shop/" + old + "/1"));
        Files.writeString(oldBuild.resolve("a.txt"), "a");
        Files.createDirectories(home.resolve("releases/shop/" + old + "/1"));
        Path keptBuild = Files.createDirectories(home.resolve("builds/shop/" + kept + "/1"));

        new AppFiles(home).removeDeployments("shop", List.of(old, UUID.randomUUID()));

        assertFalse(Files.exists(home.resolve("builds/shop/" + old)));
        assertFalse(Files.exists(home.resolve("releases/shop/" + old)));
        assertTrue(Files.isDirectory(keptBuild));
    }

    @Test
    void aDestroyedAppsLinksAreRemovedNeverFollowed() throws Exception {
        Path outside = Files.createDirectories(home.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep me");
        Path tree = Files.createDirectories(home.resolve("builds/shop/" + UUID.randomUUID() + "/1"));
        Files.createSymbolicLink(tree.resolve("out"), outside);
        Files.createSymbolicLink(tree.resolve("file"), outside.resolve("precious.txt"));
        Path readOnly = Files.createDirectories(home.resolve("releases/shop/x/1/ro"));
        Files.writeString(readOnly.resolve("f"), "f");
        readOnly.toFile().setWritable(false);

        new AppFiles(home).destroyed("shop");

        assertFalse(Files.exists(home.resolve("builds/shop")));
        assertFalse(Files.exists(home.resolve("releases/shop")));
        assertTrue(Files.exists(outside.resolve("precious.txt")));
        new AppFiles(home).destroyed("never-deployed");
    }

    @Test
    void namesThatReachOutsideAreRefused() {
        for (String bad : List.of("..", "../x", "a/b", "")) {
            assertThrows(IllegalArgumentException.class, () -> new AppFiles(home).destroyed(bad), bad);
        }
    }
}
