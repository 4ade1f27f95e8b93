package dev.slipway.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Packs a directory as a .tar.gz, in sorted order so the same tree gives the same entries. */
final class TreePacker {

    private static final Set<String> EXCLUDED_NAMES = Set.of(".git", "node_modules", "target", ".venv", "__pycache__");

    private TreePacker() {
    }

    static boolean notExcludedByDefault(Path relative) {
        for (Path part : relative) {
            if (EXCLUDED_NAMES.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    static void pack(Path dir, OutputStream out, Predicate<Path> include) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot pack " + dir + ": not a directory");
        }
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(new KeepOpen(out), 64 * 1024),
                StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            addChildren(tar, dir, dir, include);
            tar.finish();
        }
        out.flush();
    }

    private static void addChildren(TarArchiveOutputStream tar, Path root, Path dir, Predicate<Path> include) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().collect(Collectors.toList());
        }
        for (Path child : children) {
            Path relative = root.relativize(child);
            if (include.test(relative)) {
                add(tar, root, child, relative, include);
            }
        }
    }

    private static void add(TarArchiveOutputStream tar, Path root, Path file, Path relative, Predicate<Path> include)
            throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String name = String.join("/", names(relative));
        if (attrs.isSymbolicLink()) {
            TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, attrs);
            entry.setLinkName(Files.readSymbolicLink(file).toString().replace(file.getFileSystem().getSeparator(), "/"));
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        } else if (attrs.isDirectory()) {
            TarArchiveEntry entry = entry(name + "/", TarConstants.LF_DIR, attrs);
            entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            addChildren(tar, root, file, include);
        } else if (attrs.isRegularFile()) {
            TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, attrs);
            entry.setSize(attrs.size());
            entry.setMode(isExecutable(file) ? 0100755 : 0100644);
            tar.putArchiveEntry(entry);
            Files.copy(file, tar);
            tar.closeArchiveEntry();
        }
        // Sockets, fifos and devices are not part of a source tree: left out.
    }

    private static TarArchiveEntry entry(String name, byte type, BasicFileAttributes attrs) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setModTime(attrs.lastModifiedTime());
        entry.setUserName("");
        entry.setGroupName("");
        return entry;
    }

    private static boolean isExecutable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
        }
        return Files.isExecutable(file);
    }

    private static List<String> names(Path relative) {
        return Stream.iterate(0, i -> i < relative.getNameCount(), i -> i + 1)
                .map(i -> relative.getName(i).toString())
                .collect(Collectors.toList());
    }

    /** Lets the tar and gzip streams be closed, and so finished, without closing the caller's stream. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
