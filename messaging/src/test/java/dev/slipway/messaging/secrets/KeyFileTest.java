package dev.slipway.messaging.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.messaging.secrets.SecretBox.Owner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    private static final Owner OWNER = new Owner("shop", "API_KEY");

    @TempDir
    Path dir;

    @Test
    void aRotationIsSeenAtTheNextUseWithoutARestart() throws Exception {
        Path file = write("secrets-keys", "1 " + SecretBoxTest.K1 + "\n");
        KeyFile keys = new KeyFile(file);
        KeyFile otherService = new KeyFile(file);
        String old = keys.box().seal(OWNER, "s3cret");

        replace(file, "1 " + SecretBoxTest.K1 + "\n2 " + SecretBoxTest.K2 + "\n");

        String fresh = keys.box().seal(OWNER, "s3cret");
        assertTrue(fresh.startsWith("v2:2:"), fresh);
        assertEquals("s3cret", otherService.box().open(OWNER, fresh), "the other service opens it at once");
        assertEquals("s3cret", otherService.box().open(OWNER, old));
    }

    @Test
    void aBrokenChangeKeepsTheLastGoodRing() throws Exception {
        Path file = write("secrets-keys", "1 " + SecretBoxTest.K1 + "\n");
        KeyFile keys = new KeyFile(file);

        replace(file, "1 half-copied");
        assertEquals(1, keys.box().newestVersion());
        Files.delete(file);
        assertEquals(1, keys.box().newestVersion());
        replace(file, "1 " + SecretBoxTest.K1 + "\n7 " + SecretBoxTest.K2 + "\n");
        assertEquals(7, keys.box().newestVersion());
    }

    @Test
    void aMissingFileOrOneOpenToOthersIsRefusedAtStart() throws Exception {
        Path missing = dir.resolve("none");
        assertEquals("cannot read the key file " + missing + " (slipway.secrets.key-file): no such file",
                assertThrows(IllegalStateException.class, () -> new KeyFile(missing)).getMessage());

        Path open = write("open", "1 " + SecretBoxTest.K1 + "\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("the key file " + open + " is open to others (rw-r--r--): chmod 600 " + open,
                assertThrows(IllegalStateException.class, () -> new KeyFile(open)).getMessage());

        Path wrong = write("wrong", "1 AAAA\n");
        assertEquals("the key file " + wrong + ", line 1: the key must be 32 bytes"
                        + " (head -c 32 /dev/urandom | base64), not 3",
                assertThrows(IllegalStateException.class, () -> new KeyFile(wrong)).getMessage());
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** As bin/slipway does: a new file renamed over the old one. */
    private void replace(Path file, String text) throws Exception {
        Path next = write(file.getFileName() + ".tmp", text);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
