package dev.slipway.api.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a directory tree holds, to see that something left it as it was. */
final class TreeState {

    private TreeState() {
    }

    /** Every path under {@code root} with its size and modification time. */
    static Map<Path, String> of(Path root) throws IOException {
        Map<Path, String> state = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                state.put(root.relativize(path), Files.size(path) + "@" + Files.getLastModifiedTime(path));
            }
        }
        return state;
    }
}
