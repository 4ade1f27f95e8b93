package dev.slipway.plugins.deploy.statics;

import dev.slipway.api.StageLog;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copies a site tree without ever following a symbolic link out of it: a link inside the tree is
 * copied as the file it points to; a link that leaves the tree, dangles or points at a directory
 * is skipped, so a release cannot publish {@code /etc/passwd} or loop forever. Hidden files
 * ({@code .env}, {@code .git}) are not published either: a site at the root of a repository
 * would otherwise serve its secrets and history; {@code .well-known} is the exception.
 */
final class SiteCopy {

    record Result(int files, int skipped) {
    }

    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private SiteCopy() {
    }

    static Result copy(Path source, Path target, StageLog log) throws IOException {
        Path tree = source.toRealPath();
        deleteIfPresent(target); // a retried attempt starts clean
        Files.createDirectories(target);
        int[] counts = new int[2];
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(tree) && isHidden(dir)) {
                    log.line("skipped " + tree.relativize(dir) + "/: hidden directories are not published");
                    counts[1]++;
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(tree.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(tree.relativize(file).toString());
                if (isHidden(file)) {
                    log.line("skipped " + tree.relativize(file) + ": hidden files are not published");
                    counts[1]++;
                } else if (attrs.isRegularFile()) {
                    publish(file, to);
                    counts[0]++;
                } else if (attrs.isSymbolicLink() && linksToFileInside(tree, file)) {
                    publish(file.toRealPath(), to);
                    counts[0]++;
                } else {
                    log.line("skipped " + tree.relativize(file) + ": not a regular file, or a link that leaves"
                            + " the site, dangles or names a directory");
                    counts[1]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new Result(counts[0], counts[1]);
    }

    /**
     * A published file is public: readable by the proxy's own user, whatever mode the build left it
     * with (a build's tree is readable by its app alone).
     */
    private static void publish(Path file, Path to) throws IOException {
        Files.copy(file, to);
        Files.setPosixFilePermissions(to, PUBLIC);
    }

    private static boolean isHidden(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") && !name.equals(".well-known");
    }

    private static boolean linksToFileInside(Path tree, Path link) {
        try {
            Path real = link.toRealPath();
            return real.startsWith(tree) && Files.isRegularFile(real);
        } catch (IOException e) {
            return false; // dangling
        }
    }

    static void deleteIfPresent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
