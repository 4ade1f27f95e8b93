package dev.slipway.orchestrator.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.orchestrator.Refused;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coordinates are checked before anything is fetched; a jar comes only with a checksum that matches. */
class MavenArtifactsTest {

    @TempDir
    Path repo;

    @Test
    void aJarIsFetchedFromTheRepositoryByItsCoordinates() throws Exception {
        byte[] jar = {'P', 'K', 3, 4, 42};
        publish("com.example", "hello", "1.0", jar, sha1(jar));

        MavenArtifacts.Fetched fetched = new MavenArtifacts(repo.toUri().toString())
                .fetch(MavenArtifacts.Coordinates.parse("com.example:hello:1.0"), 1024);

        assertEquals("hello-1.0.jar", fetched.fileName());
        assertArrayEquals(jar, fetched.content());
    }

    @Test
    void aJarWhoseChecksumDoesNotMatchIsRefused() throws Exception {
        publish("com.example", "hello", "1.0", new byte[] {1, 2, 3}, "0".repeat(40));

        Refused e = assertThrows(Refused.class, () -> new MavenArtifacts(repo.toUri().toString())
                .fetch(MavenArtifacts.Coordinates.parse("com.example:hello:1.0"), 1024));

        assertTrue(e.getMessage().startsWith("cannot fetch com.example:hello:1.0 from " + repo.toUri()), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("checksum"), e.getMessage());
    }

    @Test
    void aMissingJarOrATooLargeOneIsRefused() throws Exception {
        MavenArtifacts maven = new MavenArtifacts(repo.toUri().toString());
        Refused missing = assertThrows(Refused.class,
                () -> maven.fetch(MavenArtifacts.Coordinates.parse("com.example:nope:1.0"), 1024));
        assertEquals(Refused.Kind.INVALID, missing.kind());

        byte[] jar = new byte[2048];
        publish("com.example", "big", "1.0", jar, sha1(jar));
        Refused large = assertThrows(Refused.class,
                () -> maven.fetch(MavenArtifacts.Coordinates.parse("com.example:big:1.0"), 1024));
        assertEquals(Refused.Kind.TOO_LARGE, large.kind());
        assertEquals("com.example:big:1.0: a plugin file is at most 1024 bytes (slipway.plugin-install.max-bytes)",
                large.getMessage());
    }

    @Test
    void coordinatesAreThreePlainParts() {
        for (String bad : new String[] {"a:b", "a:b:c:d", "a:b:[1.0,2.0)", "a:b:LATEST", "../x:b:1", "a:b:", "a b:c:1"}) {
            Refused e = assertThrows(Refused.class, () -> MavenArtifacts.Coordinates.parse(bad), bad);
            assertTrue(e.getMessage().endsWith("are not group:artifact:version (letters, digits, '.', '_', '-'; "
                    + "one version, not a range)"), e.getMessage());
        }
    }

    private void publish(String group, String artifact, String version, byte[] jar, String sha1) throws Exception {
        Path dir = Files.createDirectories(repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version));
        String file = artifact + "-" + version + ".jar";
        Files.write(dir.resolve(file), jar);
        Files.writeString(dir.resolve(file + ".sha1"), sha1);
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
