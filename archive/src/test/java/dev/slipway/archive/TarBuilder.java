package dev.slipway.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Hand-crafts .tar.gz archives, hostile ones included, entry by entry and exactly as named. */
final class TarBuilder {

    private record Item(TarArchiveEntry entry, byte[] content) {
    }

    private final List<Item> items = new ArrayList<>();

    static TarBuilder tar() {
        return new TarBuilder();
    }

    TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0100644);
    }

    TarBuilder file(String name, byte[] content, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setSize(content.length);
        entry.setMode(mode);
        items.add(new Item(entry, content));
        return this;
    }

    TarBuilder dir(String name) {
        items.add(new Item(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true), null));
        return this;
    }

    TarBuilder symlink(String name, String target) {
        return link(name, target, TarConstants.LF_SYMLINK);
    }

    TarBuilder hardLink(String name, String target) {
        return link(name, target, TarConstants.LF_LINK);
    }

    TarBuilder special(String name, byte type) {
        items.add(new Item(new TarArchiveEntry(name, type, true), null));
        return this;
    }

    /** A file that pax headers declare sparse (GNU sparse format 1.0), as GNU tar writes it. */
    TarBuilder paxSparse(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.addPaxHeader("GNU.sparse.major", "1");
        entry.addPaxHeader("GNU.sparse.minor", "0");
        entry.addPaxHeader("GNU.sparse.name", name);
        entry.addPaxHeader("GNU.sparse.realsize", "4096");
        byte[] map = "1\n0\n4\n".getBytes(StandardCharsets.US_ASCII);
        byte[] block = java.util.Arrays.copyOf(map, 512 + 4);
        System.arraycopy("data".getBytes(StandardCharsets.US_ASCII), 0, block, 512, 4);
        entry.setSize(block.length);
        items.add(new Item(entry, block));
        return this;
    }

    private TarBuilder link(String name, String target, byte type) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        items.add(new Item(entry, null));
        return this;
    }

    byte[] tarBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Item item : items) {
                    tar.putArchiveEntry(item.entry());
                    if (item.content() != null) {
                        tar.write(item.content());
                    }
                    tar.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] build() {
        return gzip(tarBytes());
    }

    Path writeTo(Path file) throws IOException {
        return Files.write(file, build());
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(raw);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
