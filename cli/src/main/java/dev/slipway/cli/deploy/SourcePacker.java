package dev.slipway.cli.deploy;

import dev.slipway.archive.ArchiveException;
import dev.slipway.archive.Inspection;
import dev.slipway.archive.Limits;
import dev.slipway.archive.SourceArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Packs a source directory into a temporary .tar.gz, and checks it with the same rules the server
 * applies, so that a link leading out of the tree is reported before anything is uploaded. Size
 * limits are the server's to apply: they are configurable there.
 */
final class SourcePacker {

    private static final Limits RULES_ONLY = new Limits(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);

    /** A packed tree: the temporary file, which the caller deletes, and what is in it. */
    record Packed(Path file, long compressedBytes, Inspection inspection) {
    }

    private SourcePacker() {
    }

    /** Packs {@code dir}, which must hold something that is not excluded. */
    static Packed pack(Path dir) throws IOException, ArchiveException {
        try (Stream<Path> children = Files.list(dir)) {
            if (children.noneMatch(child -> SourceArchive.DEFAULT_EXCLUDES.test(dir.relativize(child)))) {
                throw new ArchiveException("nothing to deploy in " + dir + ": it is empty, or holds only excluded directories ("
                        + "e.g. .git, node_modules)");
            }
        }
        Path file = Files.createTempFile("slip-", ".tar.gz");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                SourceArchive.create(dir, out, SourceArchive.DEFAULT_EXCLUDES);
            }
            Inspection inspection;
            try (InputStream in = Files.newInputStream(file)) {
                inspection = SourceArchive.inspect(in, RULES_ONLY, Set.of());
            }
            return new Packed(file, Files.size(file), inspection);
        } catch (IOException | ArchiveException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
