package dev.slipway.workers.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.StageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build leaves where the app keeps its persistent files never decides where those files are. */
class AppStorageTest {

    @TempDir
    Path home;

    @Test
    void eachPathLeadsToTheAppsStorageAndWhatTheBuildLeftThereIsReplaced() throws Exception {
        Path tree = Files.createDirectories(home.resolve("builds/shop/d1/1"));
        Files.createDirectories(tree.resolve("data"));
        Files.writeString(tree.resolve("data/seed.db"), "from the build");
        List<String> said = new ArrayList<>();

        storage().link("shop", List.of("data", "public/uploads"), Optional.empty(), tree, said::add);
        storage().link("shop", List.of("data", "public/uploads"), Optional.empty(), tree, said::add);

        assertEquals(storage().dir("shop", "data"), Files.readSymbolicLink(tree.resolve("data")));
        assertEquals(storage().dir("shop", "public/uploads"),
                Files.readSymbolicLink(tree.resolve("public/uploads")));
        assertTrue(Files.isDirectory(tree.resolve("public")));
        assertEquals(List.of("the build's data is replaced by the app's persistent storage data"), said,
                "a second link of the same tree changes nothing");
    }

    @Test
    void aLinkTheBuildPlantedOnTheWayIsRefusedNotFollowed() throws Exception {
        Path outside = Files.createDirectories(home.resolve("outside"));
        Path tree = Files.createDirectories(home.resolve("builds/shop/d2/1"));
        Files.createSymbolicLink(tree.resolve("public"), outside);
        Files.writeString(tree.resolve("var"), "a file");

        StageException link = assertThrows(StageException.class, () -> storage()
                .link("shop", List.of("public/uploads"), Optional.empty(), tree, line -> { }));
        StageException file = assertThrows(StageException.class, () -> storage()
                .link("shop", List.of("var/db"), Optional.empty(), tree, line -> { }));

        assertEquals("storage path public/uploads: the build's public is a link, not a directory", link.getMessage());
        assertEquals("storage path var/db: the build's var is a file, not a directory", file.getMessage());
        assertFalse(Files.exists(outside.resolve("uploads")));
    }

    private AppStorage storage() {
        return new AppStorage(home, new Ownership());
    }
}
