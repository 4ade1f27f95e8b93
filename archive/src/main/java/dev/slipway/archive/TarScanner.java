package dev.slipway.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a .tar.gz to its end under {@link Limits} and {@link TreeRules}, handing each checked
 * entry with its content to a {@link Visitor}. Format errors become {@link ArchiveException}s;
 * only a failure of the given stream itself stays an {@link IOException}.
 */
final class TarScanner {

    /** Sees each checked entry once, in archive order; {@code content} is that entry's data. */
    interface Visitor {
        void visit(TreeRules.Entry entry, InputStream content) throws IOException, ArchiveException;
    }

    private TarScanner() {
    }

    /** Returns the count of entries and of file bytes; the caller fills in any files it kept. */
    static Inspection scan(InputStream in, Limits limits, Visitor visitor) throws IOException, ArchiveException {
        CountingInputStream compressed = new CountingInputStream(in, limits.maxCompressedBytes(),
                "archive is larger than " + Sizes.human(limits.maxCompressedBytes()));
        TreeRules rules = new TreeRules();
        String last = null;
        boolean visiting = false;
        CountingInputStream content = null;
        int entries = 0;
        long bytes = 0;
        try {
            GzipCompressorInputStream gzip = new GzipCompressorInputStream(compressed, true);
            CountingInputStream tarStream = new CountingInputStream(gzip, limits.maxUncompressedBytes(),
                    "archive unpacks to more than " + Sizes.human(limits.maxUncompressedBytes()));
            TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
            content = new CountingInputStream(tar, Long.MAX_VALUE, "");
            TarArchiveEntry raw;
            while ((raw = tar.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new ArchiveException("archive has more than " + limits.maxEntries() + " entries");
                }
                last = raw.getName();
                TreeRules.Entry entry = rules.check(raw);
                if (entry == null) {
                    continue;
                }
                if (entry.kind() == TreeRules.Kind.FILE) {
                    bytes += entry.size();
                    if (bytes > limits.maxUncompressedBytes()) {
                        throw new ArchiveException("archive unpacks to more than " + Sizes.human(limits.maxUncompressedBytes()));
                    }
                }
                visiting = true;
                visitor.visit(entry, content);
                visiting = false;
            }
            // Drain what follows the tar's end marker: the compressed limit then sees the whole
            // upload, and gzip checks its CRC at the end of the stream.
            tarStream.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            if (visiting && !content.failed() && !isLimit(e)) {
                throw e; // the visitor's own failure, e.g. a full disk while extracting
            }
            throw translate(e, compressed, last);
        }
        if (entries == 0) {
            throw new ArchiveException("archive holds no entries (an empty source tree, or not a tar archive)");
        }
        rules.finish();
        return new Inspection(entries, bytes, Map.of());
    }

    /** A limit, the given stream failing (rethrown as is), or a malformed archive. */
    private static ArchiveException translate(IOException e, CountingInputStream source, String lastEntry) throws IOException {
        if (isLimit(e)) {
            return new ArchiveException(limitMessage(e));
        }
        if (source.failed()) {
            throw e;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (lastEntry == null) {
            return new ArchiveException("not a gzip-compressed tar archive: " + detail, e);
        }
        return new ArchiveException("archive is truncated or corrupt after entry \"" + lastEntry + "\": " + detail, e);
    }

    private static boolean isLimit(Throwable e) {
        return limitMessage(e) != null;
    }

    private static String limitMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CountingInputStream.LimitExceeded) {
                return t.getMessage();
            }
        }
        return null;
    }
}
