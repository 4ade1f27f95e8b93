package dev.slipway.workers.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Processes of an app's user that are inside a tree: their working directory, root or an open
 * file there. Once the tree's parent is closed, these are the only ones that could still reach it
 * while the host changes owners in it, by relative paths, and swap a directory for a link.
 */
final class TreeHolders {

    private static final Path PROC = Path.of("/proc");

    private TreeHolders() {
    }

    /** Kills every process of {@code uid} that holds something under {@code tree}; returns their pids. */
    static List<Long> kill(int uid, Path tree) {
        List<Long> killed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                if (ownedBy(dir, uid) && holds(dir, tree)) {
                    long pid = Long.parseLong(dir.getFileName().toString());
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    killed.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + PROC + ": " + e.getMessage(), e);
        }
        return killed;
    }

    private static boolean ownedBy(Path dir, int uid) {
        try {
            return ((Integer) Files.getAttribute(dir, "unix:uid")) == uid;
        } catch (IOException | RuntimeException e) {
            return false; // gone meanwhile
        }
    }

    private static boolean holds(Path dir, Path tree) {
        List<Path> links = new ArrayList<>(List.of(dir.resolve("cwd"), dir.resolve("root")));
        try (Stream<Path> fds = Files.list(dir.resolve("fd"))) {
            fds.forEach(links::add);
        } catch (IOException e) {
            // gone meanwhile, or no fds to look at
        }
        for (Path link : links) {
            try {
                if (Files.readSymbolicLink(link).startsWith(tree)) {
                    return true;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // not a link, or gone
            }
        }
        return false;
    }
}
