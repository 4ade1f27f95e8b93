package dev.slipway.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.archive.PluginPackage.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin files as installed: what passes, and every refusal with its reason. */
class PluginPackageTest {

    private static final long MAX = 10 * Sizes.MIB;

    @TempDir
    Path tmp;

    @Test
    void aJarNamingTheApiPassesWithItsDeclaredNameAndChecksum() throws Exception {
        byte[] jar = jar("1.0", "banner");

        PluginPackage.Checked checked = PluginPackage.check(Kind.JAR, "banner-builder-1.0.jar", jar, MAX);

        assertEquals("banner", checked.declaredName());
        assertEquals(PluginPackage.sha256(jar), checked.sha256());
        assertEquals(checked.sha256(), checked.announcedChecksum());
        assertNull(PluginPackage.check(Kind.JAR, "x.jar", jar("1.0", null), MAX).declaredName());
    }

    @Test
    void aJarMustBeAZipWithAManifestNamingTheApi() throws Exception {
        assertRefused("the jar \"x.jar\" is not a zip: ", Kind.JAR, "x.jar", "not a zip".getBytes(StandardCharsets.UTF_8));
        assertRefused("the jar \"x.jar\" has no manifest (META-INF/MANIFEST.MF)", Kind.JAR, "x.jar",
                zip(new Entry("a.txt", "a".getBytes(StandardCharsets.UTF_8), false)));
        assertRefused("the jar \"x.jar\" names no plugin API version (Slipway-Plugin-Api in its manifest)", Kind.JAR, "x.jar",
                jar(null, "x"));
        assertRefused("the plugin file \"x.jar\" is empty", Kind.JAR, "x.jar", new byte[0]);
    }

    @Test
    void anExecutableIsNamedByItsFile() throws Exception {
        byte[] script = "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8);

        assertEquals("greet", PluginPackage.check(Kind.EXECUTABLE, "slipway-plugin-greet", script, MAX).declaredName());
        assertRefused("an executable plugin's file must be named slipway-plugin-<name>, not \"greet.sh\"",
                Kind.EXECUTABLE, "greet.sh", script);
        assertRefused("an executable plugin's file must be named slipway-plugin-<name>, not \"slipway-plugin-\"",
                Kind.EXECUTABLE, "slipway-plugin-", script);
    }

    @Test
    void aDirectoryPacksItsJarsAndUnpacksToTheSameFiles() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("banner"));
        Files.write(dir.resolve("banner.jar"), jar("1.0", "banner"));
        Files.write(dir.resolve("lib.jar"), jar(null, null));
        Files.writeString(dir.resolve("README"), "not packed");

        byte[] zip = PluginZip.pack(dir);
        PluginPackage.Checked checked = PluginPackage.check(Kind.DIR, "banner", zip, MAX);
        PluginZip.unpack(zip, tmp.resolve("out"), MAX);

        assertEquals("banner", checked.declaredName());
        assertArrayEquals(Files.readAllBytes(dir.resolve("lib.jar")), Files.readAllBytes(tmp.resolve("out/lib.jar")));
        assertFalse(Files.exists(tmp.resolve("out/README")));
        // The jar loader's rule: each jar's name and bytes, in name order.
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        for (String jar : new String[] {"banner.jar", "lib.jar"}) {
            digest.update((jar + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(dir.resolve(jar)));
        }
        assertEquals(java.util.HexFormat.of().formatHex(digest.digest()), checked.announcedChecksum());
    }

    @Test
    void aDirectoryZipHoldsOnlyJarsAtItsTop() throws Exception {
        byte[] jar = jar("1.0", "x");
        assertRefused("archive entry \"../evil.jar\" climbs out of the plugin directory", Kind.DIR, "x",
                zip(new Entry("../evil.jar", jar, false)));
        assertRefused("archive entry \"/etc/evil.jar\" is an absolute path", Kind.DIR, "x",
                zip(new Entry("/etc/evil.jar", jar, false)));
        assertRefused("archive entry \"link.jar\" is a link", Kind.DIR, "x",
                zip(new Entry("x.jar", jar, false), new Entry("link.jar", "/etc/passwd".getBytes(StandardCharsets.UTF_8), true)));
        assertRefused("archive entry \"lib/a.jar\" is not at the top of the zip: a plugin directory holds its jars side by side",
                Kind.DIR, "x", zip(new Entry("lib/a.jar", jar, false)));
        assertRefused("archive entry \"notes.txt\" is not a jar (a name ending in .jar, not starting with a dot)",
                Kind.DIR, "x", zip(new Entry("x.jar", jar, false), new Entry("notes.txt", jar, false)));
        assertRefused("the plugin directory \"x\" holds no jar", Kind.DIR, "x", zip());
        assertRefused("no jar in the plugin directory \"x\" names the plugin API it targets (Slipway-Plugin-Api in its manifest)",
                Kind.DIR, "x", zip(new Entry("lib.jar", jar(null, null), false)));
    }

    @Test
    void aJarNameNoFileSystemTakesOrThatBreaksALogLineIsRefused() throws Exception {
        byte[] jar = jar("1.0", "x");
        // A NUL passed the orchestrator's check, which writes nothing, and failed every worker's write.
        assertRefused("archive entry \"a\\u0000.jar\" holds a control character", Kind.DIR, "x",
                zip(new Entry("x.jar", jar, false), new Entry("a\0.jar", jar, false)));
        assertRefused("archive entry \"a\\u000ab.jar\" holds a control character", Kind.DIR, "x",
                zip(new Entry("x.jar", jar, false), new Entry("a\nb.jar", jar, false)));
        assertRefused("archive entry \"" + "a".repeat(252) + ".jar\" is longer than 255 bytes, more than a file name may be", Kind.DIR, "x",
                zip(new Entry("x.jar", jar, false), new Entry("a".repeat(252) + ".jar", jar, false)));
    }

    @Test
    void aDirectoryThatUnpacksPastTheLimitIsRefusedAndNothingIsWritten() throws Exception {
        byte[] zeros = new byte[(int) (2 * Sizes.MIB)];
        byte[] zip = zip(new Entry("x.jar", jar("1.0", "x"), false), new Entry("big.jar", zeros, false));

        ArchiveException e = assertThrows(ArchiveException.class, () -> PluginZip.unpack(zip, tmp.resolve("out"), Sizes.MIB));

        assertEquals("the plugin directory's jars come to more than 1 MiB unpacked", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void kindsAreNamedInLowerCase() throws Exception {
        assertEquals(Kind.DIR, Kind.of("dir"));
        assertEquals("slipway-plugin-greet", Kind.EXECUTABLE.entryName("greet"));
        assertEquals("banner.jar", Kind.JAR.entryName("banner"));
        ArchiveException e = assertThrows(ArchiveException.class, () -> Kind.of("JAR"));
        assertEquals("plugin kind \"JAR\" is unknown; known: jar, dir, executable", e.getMessage());
    }

    private static void assertRefused(String message, Kind kind, String fileName, byte[] content) {
        ArchiveException e = assertThrows(ArchiveException.class, () -> PluginPackage.check(kind, fileName, content, MAX));
        if (message.endsWith(": ")) {
            assertEquals(message, e.getMessage().substring(0, Math.min(message.length(), e.getMessage().length())), e.getMessage());
        } else {
            assertEquals(message, e.getMessage());
        }
    }

    static byte[] jar(String api, String name) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        if (api != null) {
            manifest.getMainAttributes().putValue(PluginPackage.API_ATTRIBUTE, api);
        }
        if (name != null) {
            manifest.getMainAttributes().putValue(PluginPackage.NAME_ATTRIBUTE, name);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, manifest).close();
        return bytes.toByteArray();
    }

    record Entry(String name, byte[] content, boolean link) {
    }

    static byte[] zip(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Entry entry : entries) {
                ZipArchiveEntry e = new ZipArchiveEntry(entry.name());
                if (entry.link()) {
                    e.setUnixMode(UnixStat.LINK_FLAG | 0777);
                }
                zip.putArchiveEntry(e);
                zip.write(entry.content());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
