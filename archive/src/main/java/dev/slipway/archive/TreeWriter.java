package dev.slipway.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes checked entries under a root. {@link TreeRules} guarantees that no entry lies inside a
 * file or a symlink, and symlinks are only made in {@link #finish()}, so while files are written
 * no link exists in the tree to be followed; new files are created exclusively, never overwritten.
 */
final class TreeWriter implements TarScanner.Visitor {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PLAIN = PosixFilePermissions.fromString("rw-r--r--");

    private final Path root;
    private final boolean posix;
    private final List<TreeRules.Entry> symlinks = new ArrayList<>();

    private TreeWriter(Path root) {
        this.root = root;
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A writer into {@code target}, made if missing; an existing one must be an empty directory. */
    static TreeWriter into(Path target) throws IOException, ArchiveException {
        if (Files.exists(target, NOFOLLOW)) {
            if (!Files.isDirectory(target, NOFOLLOW) || !isEmpty(target)) {
                throw new ArchiveException("cannot extract into " + target + ": it must be an empty directory or not exist yet");
            }
        } else {
            Files.createDirectories(target);
        }
        return new TreeWriter(target);
    }

    @Override
    public void visit(TreeRules.Entry entry, InputStream content) throws IOException {
        Path path = pathOf(entry.path());
        switch (entry.kind()) {
            case DIRECTORY -> directory(path);
            case FILE -> {
                directory(path.getParent());
                Files.copy(content, path);
                if (posix) {
                    Files.setPosixFilePermissions(path, entry.executable() ? EXECUTABLE : PLAIN);
                }
            }
            case HARDLINK -> {
                directory(path.getParent());
                Files.createLink(path, pathOf(entry.link()));
            }
            case SYMLINK -> symlinks.add(entry);
        }
    }

    /** Makes the symlinks, now that every file and directory is in place. */
    void finish() throws IOException {
        for (TreeRules.Entry link : symlinks) {
            Path path = pathOf(link.path());
            directory(path.getParent());
            Files.createSymbolicLink(path, path.getFileSystem().getPath(link.link()));
        }
    }

    /** Deletes everything under the root, links themselves and never what they point to. */
    void removeWritten() throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (!dir.equals(root)) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private Path pathOf(String normalised) {
        Path path = root;
        for (String part : EntryPath.parts(normalised)) {
            path = path.resolve(part);
        }
        return path;
    }

    /** Makes a directory and its parents below the root, refusing to pass anything but real directories. */
    private void directory(Path dir) throws IOException {
        if (dir.equals(root)) {
            return;
        }
        if (Files.isDirectory(dir, NOFOLLOW)) {
            return;
        }
        directory(dir.getParent());
        Files.createDirectory(dir);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            return !children.iterator().hasNext();
        }
    }
}
