package dev.slipway.workers.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Stage directories: a redelivered command starts again from an empty one. */
final class Workspace {

    private Workspace() {
    }

    static void recreate(Path dir) throws IOException {
        delete(dir);
        Files.createDirectories(dir);
    }

    /** Removes {@code dir} and all it holds, if it is there. */
    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
