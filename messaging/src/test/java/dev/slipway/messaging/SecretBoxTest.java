package dev.slipway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private final SecretBox box = new SecretBox(KEY);

    @Test
    void sealedValuesOpenBackAndNeverShowTheirText() {
        String sealed = box.seal("postgres://app:hunter2@db/app");

        assertEquals("postgres://app:hunter2@db/app", box.open(sealed));
        assertFalse(sealed.contains("hunter2"));
        assertNotEquals(sealed, box.seal("postgres://app:hunter2@db/app"), "a fresh nonce each time");
    }

    @Test
    void anotherKeyOrAnAlteredValueIsRefused() {
        String sealed = box.seal("s3cret");
        char[] altered = sealed.toCharArray();
        altered[10] = altered[10] == 'A' ? 'B' : 'A';

        assertThrows(IllegalArgumentException.class, () -> new SecretBox(OTHER).open(sealed));
        assertThrows(IllegalArgumentException.class, () -> box.open(new String(altered)));
        assertThrows(IllegalArgumentException.class, () -> box.open("s3cret"));
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedSayingSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16])));
        assertEquals("slipway.secrets.key must be 32 bytes (base64 of 32 random bytes), not 16", e.getMessage());
    }
}
