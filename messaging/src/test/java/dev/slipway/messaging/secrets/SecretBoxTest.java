package dev.slipway.messaging.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.messaging.secrets.SecretBox.Owner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    static final String K0 = key(0);
    static final String K1 = key(1);
    static final String K2 = key(2);
    private static final String CLEAR = "postgres://app:hunter2@db/app";
    private static final Owner DB_OF_SHOP = new Owner("shop", "DATABASE_URL");

    private final SecretBox v1 = box("1 " + K1);
    private final SecretBox v1and2 = box("1 " + K1 + "\n2 " + K2);

    @Test
    void sealedValuesOpenBackNamingTheirKeyVersionAndNeverShowTheirText() {
        String sealed = v1.seal(DB_OF_SHOP, CLEAR);

        assertTrue(sealed.startsWith("v2:1:"), sealed);
        assertEquals(CLEAR, v1.open(DB_OF_SHOP, sealed));
        assertFalse(sealed.contains("hunter2"));
        assertNotEquals(sealed, v1.seal(DB_OF_SHOP, CLEAR), "a fresh nonce each time");
    }

    @Test
    void aValueOpensOnlyForTheAppAndVarItWasSealedFor() {
        String sealed = v1.seal(DB_OF_SHOP, CLEAR);

        IllegalArgumentException otherApp = assertThrows(IllegalArgumentException.class,
                () -> v1.open(new Owner("blog", "DATABASE_URL"), sealed));
        assertThrows(IllegalArgumentException.class, () -> v1.open(new Owner("shop", "REDIS_URL"), sealed));
        // The separator keeps ("shop", "X_Y") and ("shop\0X", "Y") apart; names cannot hold NUL anyway.
        assertThrows(IllegalArgumentException.class, () -> v1.open(new Owner("sho", "pDATABASE_URL"), sealed));
        assertEquals("sealed value does not open with key version 1 as config var DATABASE_URL of app \"blog\":"
                + " it was sealed for another app or var, with another key, or altered", otherApp.getMessage());
    }

    @Test
    void theNewestVersionSealsAndEveryListedVersionOpens() {
        String old = v1.seal(DB_OF_SHOP, CLEAR);
        String fresh = v1and2.seal(DB_OF_SHOP, CLEAR);

        assertTrue(fresh.startsWith("v2:2:"), fresh);
        assertEquals(CLEAR, v1and2.open(DB_OF_SHOP, old));
        assertFalse(v1and2.isCurrent(old));
        assertTrue(v1and2.isCurrent(fresh));
        String resealed = v1and2.reseal(DB_OF_SHOP, old);
        assertTrue(resealed.startsWith("v2:2:") && v1and2.isCurrent(resealed), resealed);
        assertEquals(CLEAR, v1and2.open(DB_OF_SHOP, resealed));
    }

    @Test
    void aVersionTheRingNoLongerHoldsIsRefusedSayingWhatToDo() {
        String fresh = v1and2.seal(DB_OF_SHOP, CLEAR);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v1.open(DB_OF_SHOP, fresh));
        assertEquals("sealed with key version 2, which the key ring does not hold (it holds 1):"
                + " give this service the newest key file", e.getMessage());
    }

    @Test
    void relabellingTheVersionDoesNotOpenIt() {
        SecretBox sameKeyTwice = box("1 " + K1 + "\n2 " + K1);
        String sealed = sameKeyTwice.seal(DB_OF_SHOP, CLEAR);

        assertThrows(IllegalArgumentException.class,
                () -> sameKeyTwice.open(DB_OF_SHOP, sealed.replace("v2:2:", "v2:1:")), "the version is bound too");
    }

    @Test
    void valuesSealedBeforeKeyVersionsOpenWithVersionZeroWithoutAssociatedData() throws Exception {
        String legacy = legacySeal(K0, CLEAR);
        SecretBox ring = box("0 " + K0 + "\n1 " + K1);

        assertEquals(CLEAR, ring.open(DB_OF_SHOP, legacy));
        assertFalse(ring.isCurrent(legacy));
        assertFalse(box("0 " + K0).isCurrent(legacy), "unbound: re-sealed even when version 0 is the newest");
        assertTrue(ring.reseal(DB_OF_SHOP, legacy).startsWith("v2:1:"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v1.open(DB_OF_SHOP, legacy));
        assertEquals("sealed before key versions (v1:), and the key ring has no version 0 (the former secrets-key)",
                e.getMessage());
    }

    @Test
    void aTamperedValueIsRefusedWithAClearMessageThatNeverHoldsTheValue() {
        String sealed = v1.seal(DB_OF_SHOP, CLEAR);
        char[] altered = sealed.toCharArray();
        int at = sealed.length() - 3;
        altered[at] = altered[at] == 'A' ? 'B' : 'A';

        IllegalArgumentException tampered = assertThrows(IllegalArgumentException.class,
                () -> v1.open(DB_OF_SHOP, new String(altered)));
        assertEquals("sealed value does not open with key version 1 as config var DATABASE_URL of app \"shop\":"
                + " it was sealed for another app or var, with another key, or altered", tampered.getMessage());
        IllegalArgumentException clear = assertThrows(IllegalArgumentException.class, () -> v1.open(DB_OF_SHOP, CLEAR));
        assertEquals("not a sealed value (expected v2:<key version>:<base64>)", clear.getMessage());
        for (String cut : new String[] {"v2:1:AAAA", "v2:1:%%%%", "v2:x:AAAA", "v1:"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v1.open(DB_OF_SHOP, cut));
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> box("1 " + K2).open(DB_OF_SHOP, sealed), "another key");
    }

    static SecretBox box(String keyFile) {
        return new SecretBox(KeyRing.parse(keyFile));
    }

    static String key(int seed) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) (seed * 31 + 7));
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The form SecretBox wrote before key versions: AES-GCM, no associated data, {@code v1:}. */
    static String legacySeal(String base64Key, String value) throws Exception {
        byte[] nonce = new byte[12];
        nonce[0] = 9;
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
                new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return "v1:" + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    }
}
