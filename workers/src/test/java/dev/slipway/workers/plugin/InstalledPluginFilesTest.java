package dev.slipway.workers.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.archive.PluginPackage;
import dev.slipway.archive.PluginZip;
import dev.slipway.messaging.PluginDelivery;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a worker writes of a delivered plugin, and what it leaves alone. */
class InstalledPluginFilesTest {

    @TempDir
    Path plugins;

    @Test
    void aJarIsWrittenUnderItsNameAndRemovedAgainLeavingNoPartialFile() throws Exception {
        InstalledPluginFiles files = new InstalledPluginFiles(plugins);
        byte[] jar = "jar bytes".getBytes(StandardCharsets.UTF_8);

        assertTrue(files.install(delivery("banner", "jar", jar)));
        assertFalse(files.install(delivery("banner", "jar", jar)), "the same file seen again at a restart");

        assertArrayEquals(jar, Files.readAllBytes(plugins.resolve("banner.jar")));
        assertEquals(Set.of("banner"), files.installed());
        assertEquals(Set.of("banner.jar", ".installed"), entries());
        assertTrue(files.remove("banner"));
        assertEquals(Set.of(".installed"), entries());
        assertEquals(Set.of(), files.installed());
    }

    @Test
    void anExecutableCanBeRunByOthersButNotChanged() throws Exception {
        new InstalledPluginFiles(plugins).install(delivery("greet", "executable", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(plugins.resolve("slipway-plugin-greet"))));
    }

    @Test
    void aDirectoryIsUnpackedAndReplacedWhole() throws Exception {
        InstalledPluginFiles files = new InstalledPluginFiles(plugins);
        Path source = Files.createDirectories(plugins.getParent().resolve("source-" + System.nanoTime()));
        Files.writeString(source.resolve("a.jar"), "a");
        Files.writeString(source.resolve("b.jar"), "b");
        files.install(delivery("tools", "dir", PluginZip.pack(source)));
        Files.delete(source.resolve("b.jar"));
        Files.writeString(source.resolve("a.jar"), "a2");

        files.install(delivery("tools", "dir", PluginZip.pack(source)));

        try (Stream<Path> jars = Files.list(plugins.resolve("tools"))) {
            assertEquals(Set.of("a.jar"), jars.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        assertEquals("a2", Files.readString(plugins.resolve("tools/a.jar")));
        assertEquals(Set.of("tools", ".installed"), entries());
    }

    @Test
    void aPluginOfAnotherKindReplacesTheEntryOfTheOldOne() throws Exception {
        InstalledPluginFiles files = new InstalledPluginFiles(plugins);
        files.install(delivery("greet", "jar", new byte[] {1}));

        files.install(delivery("greet", "executable", new byte[] {2}));

        assertEquals(Set.of("slipway-plugin-greet", ".installed"), entries());
    }

    @Test
    void whatAnOperatorPutThereByHandIsNeitherReplacedNorRemoved() throws Exception {
        InstalledPluginFiles files = new InstalledPluginFiles(plugins);
        Files.writeString(plugins.resolve("banner.jar"), "by hand");

        InstalledPluginFiles.Refused refused = assertThrows(InstalledPluginFiles.Refused.class,
                () -> files.install(delivery("banner", "jar", new byte[] {1})));

        assertTrue(refused.getMessage().endsWith("banner.jar was put there by hand; it is left as it is and the installed "
                + "plugin is not written"), refused.getMessage());
        assertFalse(files.remove("banner"));
        assertEquals("by hand", Files.readString(plugins.resolve("banner.jar")));
    }

    @Test
    void aFileThatDoesNotMatchItsChecksumOrAnUnsafeNameOrZipIsRefused() throws Exception {
        InstalledPluginFiles files = new InstalledPluginFiles(plugins);
        PluginDelivery tampered = new PluginDelivery("banner", "jar", "banner.jar", PluginPackage.sha256(new byte[] {1}),
                new byte[] {2});

        InstalledPluginFiles.Refused refused = assertThrows(InstalledPluginFiles.Refused.class, () -> files.install(tampered));
        assertTrue(refused.getMessage().contains("not the " + tampered.sha256() + " it was published with"), refused.getMessage());
        assertThrows(InstalledPluginFiles.Refused.class, () -> files.install(delivery("../evil", "jar", new byte[] {1})));
        InstalledPluginFiles.Refused climbing = assertThrows(InstalledPluginFiles.Refused.class,
                () -> files.install(delivery("evil", "dir", zipWith("../../evil.jar"))));
        assertEquals("plugin evil: archive entry \"../../evil.jar\" climbs out of the plugin directory", climbing.getMessage());
        assertFalse(files.remove("../evil"));
        assertEquals(Set.of(), entries().stream().filter(e -> !e.equals(".installed")).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aWorkerKilledBetweenClaimingAnEntryAndMovingItIntoPlaceWritesItAgainAndLeavesNothingBehind() throws Exception {
        InstalledPluginFiles files = new InstalledPluginFiles(plugins);
        byte[] v1 = "version 1".getBytes(StandardCharsets.UTF_8);
        byte[] v2 = "version 2".getBytes(StandardCharsets.UTF_8);
        files.install(delivery("banner", "jar", v1));
        // The update to v2 stops where a kill could stop it: after its record, before its move (a
        // directory in the entry's place makes the move fail). Then v1 is back, as a kill leaves it.
        Files.delete(plugins.resolve("banner.jar"));
        Files.createDirectory(plugins.resolve("banner.jar"));
        assertThrows(java.io.IOException.class, () -> files.install(delivery("banner", "jar", v2)));
        Files.delete(plugins.resolve("banner.jar"));
        Files.write(plugins.resolve("banner.jar"), v1);
        Files.writeString(plugins.resolve(".banner.jar.0b8f3c52-6d1e-4a7b-9c2d-3e4f5a6b7c8d.partial"), "version");

        files.removeLeftovers();
        assertTrue(files.install(delivery("banner", "jar", v2)), "an unfinished entry is written again");

        assertArrayEquals(v2, Files.readAllBytes(plugins.resolve("banner.jar")));
        assertFalse(files.install(delivery("banner", "jar", v2)));
        assertEquals(Set.of("banner.jar", ".installed"), entries());
    }

    private Set<String> entries() throws Exception {
        try (Stream<Path> listed = Files.list(plugins)) {
            return listed.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    private static PluginDelivery delivery(String name, String kind, byte[] content) {
        return new PluginDelivery(name, kind, name, PluginPackage.sha256(content), content);
    }

    private static byte[] zipWith(String entry) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.putArchiveEntry(new ZipArchiveEntry(entry));
            zip.write(1);
            zip.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
