package dev.slipway.archive;

import static dev.slipway.archive.TarBuilder.tar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, malformed input and the wanted files. */
class InspectTest {

    private static final Set<String> WANTED = Set.of("slipway.toml", "Procfile", ".env");

    @TempDir
    Path tmp;

    @Test
    void compressedLimitTripsWhileReading() {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        byte[] archive = tar().file("noise.bin", noise, 0644).build();
        assertRefused("archive is larger than 32 KiB", archive, new Limits(32 * 1024, Limits.DEFAULT.maxUncompressedBytes(), 10));
    }

    @Test
    void uncompressedLimitTripsOnABomb() {
        byte[] zeros = new byte[4 * 1024 * 1024];
        byte[] archive = tar().file("zeros.bin", zeros, 0644).build();
        assertTrue(archive.length < 64 * 1024, "compresses well");
        assertRefused("archive unpacks to more than 1 MiB", archive, new Limits(1024 * 1024, 1024 * 1024, 10));
    }

    @Test
    void entryLimitTrips() {
        byte[] archive = tar().file("a", "").file("b", "").file("c", "").file("d", "").build();
        assertRefused("archive has more than 3 entries", archive, new Limits(1024 * 1024, 1024 * 1024, 3));
    }

    @Test
    void limitsApplyToExtractToo() throws IOException {
        Path file = tar().file("a", "").file("b", "").writeTo(tmp.resolve("a.tgz"));
        ArchiveException e = assertThrows(ArchiveException.class,
                () -> SourceArchive.extract(file, tmp.resolve("out"), new Limits(1024, 1024 * 1024, 1)));
        assertEquals("archive has more than 1 entries", e.getMessage());
    }

    @Test
    void notGzipIsRefused() {
        ArchiveException e = assertThrows(ArchiveException.class, () -> inspect("PK\3\4 a zip file".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not a gzip-compressed tar archive: "), e.getMessage());
        e = assertThrows(ArchiveException.class, () -> inspect(new byte[0]));
        assertTrue(e.getMessage().startsWith("not a gzip-compressed tar archive: "), e.getMessage());
    }

    @Test
    void gzipThatIsNotTarIsRefused() {
        byte[] text = "just some text, gzipped, no tar at all\n".repeat(40).getBytes(StandardCharsets.UTF_8);
        ArchiveException e = assertThrows(ArchiveException.class, () -> inspect(TarBuilder.gzip(text)));
        assertTrue(e.getMessage().startsWith("not a gzip-compressed tar archive: "), e.getMessage());
    }

    @Test
    void truncatedArchiveIsRefused() {
        byte[] tar = tar().file("a.txt", "a".repeat(2000)).file("b.txt", "b".repeat(2000)).tarBytes();
        byte[] archive = TarBuilder.gzip(Arrays.copyOf(tar, 1200));
        ArchiveException e = assertThrows(ArchiveException.class, () -> inspect(archive));
        assertTrue(e.getMessage().startsWith("archive is truncated or corrupt after entry \"a.txt\": "), e.getMessage());
    }

    @Test
    void aFailingInputStaysAnIOException() {
        byte[] archive = tar().file("a.txt", "hello").build();
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(archive, 0, 20)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };
        IOException e = assertThrows(IOException.class, () -> SourceArchive.inspect(failing, Limits.DEFAULT, WANTED));
        assertEquals("connection reset", e.getMessage());
    }

    @Test
    void onlyTopLevelWantedFilesAreReturned() throws Exception {
        Inspection inspection = inspect(tar().file("Procfile", "web: a").file("sub/slipway.toml", "x")
                .file("README.md", "r").dir(".env").build());
        assertEquals(Map.of("Procfile", "web: a"), inspection.files());
        assertEquals(4, inspection.entries());
        assertEquals(8, inspection.bytes());
    }

    @Test
    void largeWantedFileIsRefused() {
        byte[] archive = tar().file("slipway.toml", new byte[256 * 1024 + 1], 0644).build();
        assertRefused("archive entry \"slipway.toml\" is larger than 256 KiB (configuration files are small)", archive, Limits.DEFAULT);
    }

    @Test
    void largeFilesThatAreNotWantedAreFine() throws Exception {
        assertEquals(256 * 1024 + 1, inspect(tar().file("data.bin", new byte[256 * 1024 + 1], 0644).build()).bytes());
    }

    @Test
    void wantedFileThatIsNotUtf8IsRefused() {
        byte[] archive = tar().file(".env", new byte[] {'A', '=', (byte) 0xC3, 0x28}, 0644).build();
        assertRefused("archive entry \".env\" is not UTF-8 text", archive, Limits.DEFAULT);
    }

    @Test
    void emptyArchiveIsRefused() {
        assertRefused("archive holds no entries (an empty source tree, or not a tar archive)", tar().build(), Limits.DEFAULT);
    }

    @Test
    void linksThatStayInsideThroughOtherLinksAreFine() throws Exception {
        byte[] archive = tar().dir("a/b").file("a/b/f", "f").symlink("up", "a/b/..").symlink("c", "up/b/f")
                .symlink("a/b/self", "../../a/b").symlink("dangling", "not/yet/there").build();
        assertEquals(6, inspect(archive).entries());
    }

    @Test
    void aFailureWhileWritingRemovesWhatWasWritten() throws IOException {
        Path file = tar().file("a/first.txt", "written, then removed").file("x".repeat(300), "name too long for the disk")
                .writeTo(tmp.resolve("a.tgz"));
        Path target = tmp.resolve("out");
        IOException e = assertThrows(IOException.class, () -> SourceArchive.extract(file, target, Limits.DEFAULT));
        assertTrue(e.getMessage().contains("xxxx"), e.getMessage());
        try (var left = Files.list(target)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void extractRefusesATargetThatIsNotEmpty() throws IOException {
        Path file = tar().file("a", "").writeTo(tmp.resolve("a.tgz"));
        Path target = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(target.resolve("already"), "here");
        ArchiveException e = assertThrows(ArchiveException.class, () -> SourceArchive.extract(file, target, Limits.DEFAULT));
        assertEquals("cannot extract into " + target + ": it must be an empty directory or not exist yet", e.getMessage());
    }

    private static Inspection inspect(byte[] archive) throws IOException, ArchiveException {
        return SourceArchive.inspect(new ByteArrayInputStream(archive), Limits.DEFAULT, WANTED);
    }

    private static void assertRefused(String message, byte[] archive, Limits limits) {
        ArchiveException e = assertThrows(ArchiveException.class,
                () -> SourceArchive.inspect(new ByteArrayInputStream(archive), limits, WANTED));
        assertEquals(message, e.getMessage());
    }
}
