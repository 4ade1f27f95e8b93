package dev.slipway.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {

    @TempDir
    Path tmp;

    @Test
    void createInspectExtractKeepsContentExecutableBitsAndLinks() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("slipway.toml"), "[run]\nweb = \"./start.sh\"\n");
        Files.writeString(app.resolve("Procfile"), "web: ./start.sh\n");
        Path start = Files.writeString(app.resolve("start.sh"), "#!/bin/sh\nexec node server.js\n");
        Files.setPosixFilePermissions(start, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(app.resolve("src/lib"));
        Files.write(app.resolve("src/lib/data.bin"), new byte[] {0, 1, 2, (byte) 255});
        Files.writeString(app.resolve("src/lib/slipway.toml"), "not top level");
        Files.createDirectories(app.resolve("public"));
        Files.createSymbolicLink(app.resolve("public/lib"), Path.of("../src/lib"));
        Files.createDirectories(app.resolve("empty"));

        byte[] archive = pack(app, SourceArchive.DEFAULT_EXCLUDES);

        Inspection inspection = SourceArchive.inspect(new ByteArrayInputStream(archive), Limits.DEFAULT,
                Set.of("slipway.toml", "Procfile", ".env"));
        assertEquals(Map.of("slipway.toml", "[run]\nweb = \"./start.sh\"\n", "Procfile", "web: ./start.sh\n"), inspection.files());
        assertEquals(10, inspection.entries(), "5 files, 4 directories, 1 symlink");
        long bytes = 0;
        for (String file : new String[] {"slipway.toml", "Procfile", "start.sh", "src/lib/data.bin", "src/lib/slipway.toml"}) {
            bytes += Files.size(app.resolve(file));
        }
        assertEquals(bytes, inspection.bytes());

        Path archiveFile = Files.write(tmp.resolve("app.tar.gz"), archive);
        Path out = tmp.resolve("out");
        SourceArchive.extract(archiveFile, out, Limits.DEFAULT);

        assertEquals(Files.readString(start), Files.readString(out.resolve("start.sh")));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, Files.readAllBytes(out.resolve("src/lib/data.bin")));
        assertTrue(Files.getPosixFilePermissions(out.resolve("start.sh")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertFalse(Files.getPosixFilePermissions(out.resolve("Procfile")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertTrue(Files.isSymbolicLink(out.resolve("public/lib")));
        assertEquals(Path.of("../src/lib"), Files.readSymbolicLink(out.resolve("public/lib")));
        assertTrue(Files.isRegularFile(out.resolve("public/lib/data.bin")));
        assertTrue(Files.isDirectory(out.resolve("empty"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void defaultExcludesLeaveOutToolAndDependencyDirectories() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("index.js"), "1");
        for (String skipped : new String[] {".git", "node_modules", "target", ".venv", "__pycache__", "sub/node_modules"}) {
            Files.createDirectories(app.resolve(skipped));
            Files.writeString(app.resolve(skipped).resolve("x"), "skipped");
        }
        Path out = tmp.resolve("out");
        SourceArchive.extract(Files.write(tmp.resolve("a.tgz"), pack(app, SourceArchive.DEFAULT_EXCLUDES)), out, Limits.DEFAULT);

        try (var files = Files.walk(out)) {
            assertEquals(Set.of("", "index.js", "sub"),
                    files.map(p -> out.relativize(p).toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void sameTreePacksToTheSameEntries() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        for (String name : new String[] {"b", "a", "c/z", "c/y"}) {
            Files.createDirectories(app.resolve(name).getParent());
            Files.writeString(app.resolve(name), name);
        }
        assertArrayEquals(pack(app, p -> true), pack(app, p -> true));
    }

    @Test
    void leadingDotSlashAndTheRootEntryAreFine() throws Exception {
        byte[] archive = TarBuilder.tar().dir("./").file("./Procfile", "web: x").file("./.env", "A=1").build();
        Inspection inspection = SourceArchive.inspect(new ByteArrayInputStream(archive), Limits.DEFAULT, Set.of("Procfile", ".env"));
        assertEquals(Map.of("Procfile", "web: x", ".env", "A=1"), inspection.files());
        assertEquals(3, inspection.entries());
    }

    @Test
    void hardLinkToAnEarlierFileIsKept() throws Exception {
        Path archive = TarBuilder.tar().file("a.txt", "same").hardLink("b.txt", "./a.txt").writeTo(tmp.resolve("a.tgz"));
        Path out = tmp.resolve("out");
        SourceArchive.extract(archive, out, Limits.DEFAULT);
        assertEquals("same", Files.readString(out.resolve("b.txt")));
    }

    private static byte[] pack(Path dir, java.util.function.Predicate<Path> include) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SourceArchive.create(dir, bytes, include);
        return bytes.toByteArray();
    }
}
