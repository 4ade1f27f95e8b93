package dev.slipway.messaging.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    private static final String K1 = SecretBoxTest.K1;
    private static final String K2 = SecretBoxTest.K2;

    @Test
    void theNewestVersionIsTheHighestWhereverItIsListed() {
        KeyRing ring = KeyRing.parse("# rotated 2026-12-02\n\n3 " + K2 + "\n1 " + K1 + "\n");

        assertEquals(3, ring.newest());
        assertEquals("1, 3", ring.versions());
    }

    @Test
    void aWrongLineIsNamedAndItsKeyNeverShown() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertEquals("line 2: the key must be 32 bytes (head -c 32 /dev/urandom | base64), not 16",
                refused("1 " + K1 + "\n2 " + short16));
        assertEquals("line 1: the key is not base64", refused("1 not*base64"));
        assertEquals("line 1: expected \"<version> <base64 of 32 bytes>\"", refused(K1));
        assertEquals("line 1: the version must be a whole number, 0 or more", refused("-1 " + K1));
        assertEquals("line 2: version 1 is listed twice", refused("1 " + K1 + "\n1 " + K2));
        assertEquals("no key: add a line \"1 <base64 of 32 random bytes>\"", refused("# nothing\n"));
        assertFalse(refused("1 " + short16).contains(short16));
    }

    private static String refused(String text) {
        return assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(text)).getMessage();
    }
}
