package dev.slipway.plugins.proxy.nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes to configuration files that can be undone: each file is replaced atomically (written
 * beside it, then moved), and what it held before is kept in memory and in {@code <file>.previous}.
 */
final class ConfChange {

    private record Before(Path file, Optional<String> content) {
    }

    private final List<Before> changed = new ArrayList<>();

    /** Writes {@code content} to {@code file}; returns false, changing nothing, if it already holds exactly that. */
    boolean write(Path file, String content) throws IOException {
        Optional<String> before = read(file);
        if (before.isPresent() && before.get().equals(content)) {
            return false;
        }
        remember(file, before);
        replace(file, content);
        return true;
    }

    /** Deletes {@code file}; returns false if there was none. */
    boolean delete(Path file) throws IOException {
        Optional<String> before = read(file);
        if (before.isEmpty()) {
            return false;
        }
        remember(file, before);
        Files.delete(file);
        return true;
    }

    /** Puts every changed file back as it was, last change first. */
    void undo() throws IOException {
        for (int i = changed.size() - 1; i >= 0; i--) {
            Before before = changed.get(i);
            if (before.content().isPresent()) {
                replace(before.file(), before.content().get());
            } else {
                Files.deleteIfExists(before.file());
            }
        }
        changed.clear();
    }

    private void remember(Path file, Optional<String> before) throws IOException {
        changed.add(new Before(file, before));
        if (before.isPresent()) {
            replace(file.resolveSibling(file.getFileName() + ".previous"), before.get());
        }
    }

    private static Optional<String> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    private static void replace(Path file, String content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
