package dev.slipway.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * A directory of jars as one zip: the jars side by side at its top, nothing else — no
 * sub-directory, no link, no path that leaves it — which is all a worker's jar loader reads of a
 * plugin directory. Read from its central directory, which alone says what is a link.
 */
public final class PluginZip {

    /** What a file name may come to on the file systems workers use. */
    private static final int MAX_NAME_BYTES = 255;

    private PluginZip() {
    }

    /** Packs the jars at the top of {@code dir} (what a worker would load of it). */
    public static byte[] pack(Path dir) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Path jar : jars) {
                ZipArchiveEntry entry = new ZipArchiveEntry(jar.getFileName().toString());
                // The jar's own time, not now: the same directory packs to the same bytes, and checksum.
                entry.setLastModifiedTime(Files.getLastModifiedTime(jar));
                zip.putArchiveEntry(entry);
                Files.copy(jar, zip);
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Writes the jars of a checked zip into {@code dir}, which must not exist yet.
     *
     * @throws ArchiveException as {@link #jars} does: nothing is written then
     */
    public static void unpack(byte[] zip, Path dir, long maxUnpackedBytes) throws ArchiveException, IOException {
        Map<String, byte[]> jars = jars(zip, maxUnpackedBytes);
        Files.createDirectory(dir);
        for (var jar : jars.entrySet()) {
            Files.write(dir.resolve(jar.getKey()), jar.getValue());
        }
    }

    /**
     * The jars of a plugin directory's zip, by name, read whole.
     *
     * @throws ArchiveException naming the first entry that is not a jar at the top of the zip, or
     *                          when the jars pass {@code maxUnpackedBytes} together
     */
    static Map<String, byte[]> jars(byte[] zip, long maxUnpackedBytes) throws ArchiveException {
        Map<String, byte[]> jars = new LinkedHashMap<>();
        long total = 0;
        try (ZipFile file = open("the plugin directory's zip", zip)) {
            for (ZipArchiveEntry entry : java.util.Collections.list(file.getEntries())) {
                String name = entry.getName();
                String problem = problem(entry);
                if (problem != null) {
                    throw ArchiveException.entry(escaped(name), problem);
                }
                if (jars.containsKey(name)) {
                    throw ArchiveException.entry(name, "is in the zip twice");
                }
                if (jars.size() == PluginPackage.MAX_JARS) {
                    throw new ArchiveException("a plugin directory holds at most " + PluginPackage.MAX_JARS + " jars");
                }
                long left = maxUnpackedBytes - total;
                String tooLarge = "the plugin directory's jars come to more than " + Sizes.human(maxUnpackedBytes) + " unpacked";
                try (InputStream in = new CountingInputStream(file.getInputStream(entry), left, tooLarge)) {
                    byte[] bytes = in.readAllBytes();
                    total += bytes.length;
                    jars.put(name, bytes);
                } catch (CountingInputStream.LimitExceeded e) {
                    throw new ArchiveException(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new ArchiveException("the plugin directory's zip cannot be read: " + e.getMessage(), e);
        }
        return jars;
    }

    /** Why an entry cannot be a jar of the directory, or {@code null}. */
    private static String problem(ZipArchiveEntry entry) {
        String name = entry.getName();
        if (name.chars().anyMatch(Character::isISOControl)) {
            // A NUL is no file name at all: the check here writes nothing, each worker's write would fail.
            return "holds a control character";
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("[A-Za-z]:.*")) {
            return "is an absolute path";
        }
        if (List.of(name.split("[/\\\\]")).contains("..")) {
            return "climbs out of the plugin directory";
        }
        if (entry.isUnixSymlink()) {
            return "is a link";
        }
        if (entry.isDirectory() || name.contains("/") || name.contains("\\")) {
            return "is not at the top of the zip: a plugin directory holds its jars side by side";
        }
        if (name.startsWith(".") || !name.endsWith(".jar")) {
            return "is not a jar (a name ending in .jar, not starting with a dot)";
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return "is longer than " + MAX_NAME_BYTES + " bytes, more than a file name may be";
        }
        return null;
    }

    /** A name as an error message shows it: control characters escaped, so the message stays one line. */
    private static String escaped(String name) {
        StringBuilder out = new StringBuilder();
        name.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    /** @param what the file in the words of an error message: {@code the jar "x.jar"} */
    static ZipFile open(String what, byte[] zip) throws ArchiveException {
        try {
            return ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get();
        } catch (IOException e) {
            throw new ArchiveException(what + " is not a zip: " + e.getMessage(), e);
        }
    }
}
