package dev.slipway.workers.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void everyOccurrenceOfASecretIsMaskedTheLongestFirst() {
        SecretMask mask = SecretMask.of(List.of("hunter2", "hunter2-long"));
        assertEquals("url=postgres://app:****@db token=**** again ****",
                mask.mask("url=postgres://app:hunter2-long@db token=hunter2 again hunter2"));
        assertEquals("nothing secret here", mask.mask("nothing secret here"));
    }

    @Test
    void eachLineOfAMultiLineSecretIsMaskedOnItsOwn() {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n  indentedSecondLine==\n-----END PRIVATE KEY-----";
        SecretMask mask = SecretMask.of(List.of(pem));

        assertEquals("key: ****", mask.mask("key: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"));
        assertEquals("****", mask.mask("indentedSecondLine=="));
        assertFalse(mask.mask(pem).contains("MIIE"), mask.mask(pem));
    }

    @Test
    void valuesTooShortToBeSecretsAreNotMasked() {
        SecretMask mask = SecretMask.of(List.of("1", "yes", ""));
        assertTrue(mask.isEmpty());
        assertEquals("yes 1", mask.mask("yes 1"));
    }
}
