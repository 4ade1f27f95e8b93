package dev.slipway.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code .tar.gz} of an app's source tree: packed by the CLI, inspected by the API on upload,
 * unpacked by a build worker. An archive comes from outside and is distrusted: see
 * {@link TreeRules} for what it may hold and {@link Limits} for how much.
 */
public final class SourceArchive {

    /** A wanted file larger than this is refused: configuration files are small. */
    public static final long MAX_WANTED_FILE_BYTES = 256 * Sizes.KIB;

    /**
     * An include filter for {@link #create} that leaves out {@code .git}, {@code node_modules},
     * {@code target}, {@code .venv} and {@code __pycache__} wherever they are in the tree.
     */
    public static final Predicate<Path> DEFAULT_EXCLUDES = TreePacker::notExcludedByDefault;

    private SourceArchive() {
    }

    /**
     * Reads the whole archive and checks every entry and every limit, without writing anything.
     *
     * @param wanted names of top-level files whose UTF-8 content to return, e.g. {@code slipway.toml}
     * @throws ArchiveException the archive breaks a rule or a limit; the message says which and where
     * @throws IOException      {@code in} itself failed
     */
    public static Inspection inspect(InputStream in, Limits limits, Set<String> wanted) throws IOException, ArchiveException {
        Map<String, String> files = new HashMap<>();
        Inspection counted = TarScanner.scan(in, limits, (entry, content) -> {
            if (entry.kind() == TreeRules.Kind.FILE && wanted.contains(entry.path())) {
                files.put(entry.path(), readSmallText(entry, content));
            }
        });
        return new Inspection(counted.entries(), counted.bytes(), files);
    }

    /**
     * Checks the archive as {@link #inspect} does, then unpacks it into {@code target}, which must
     * not exist or be empty. Files keep their executable bit; links are never followed while
     * writing, and symlinks are made last. If unpacking fails, what was written is removed again.
     */
    public static void extract(Path archive, Path target, Limits limits) throws IOException, ArchiveException {
        try (InputStream in = Files.newInputStream(archive)) {
            TarScanner.scan(in, limits, (entry, content) -> { });
        }
        TreeWriter writer = TreeWriter.into(target);
        try (InputStream in = Files.newInputStream(archive)) {
            TarScanner.scan(in, limits, writer);
            writer.finish();
        } catch (IOException | ArchiveException | RuntimeException e) {
            writer.removeWritten();
            throw e;
        }
    }

    /**
     * Packs {@code dir} into {@code out} as a .tar.gz: relative paths, executable bits, symlinks as
     * links. {@code include} sees each path relative to {@code dir}; a directory it refuses is left
     * out whole. Other special files are skipped. {@code out} is finished but not closed.
     */
    public static void create(Path dir, OutputStream out, Predicate<Path> include) throws IOException {
        TreePacker.pack(dir, out, include);
    }

    private static String readSmallText(TreeRules.Entry entry, InputStream content) throws IOException, ArchiveException {
        if (entry.size() > MAX_WANTED_FILE_BYTES) {
            throw ArchiveException.entry(entry.path(), "is larger than " + Sizes.human(MAX_WANTED_FILE_BYTES)
                    + " (configuration files are small)");
        }
        byte[] bytes = content.readNBytes((int) entry.size());
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ArchiveException.entry(entry.path(), "is not UTF-8 text");
        }
    }
}
