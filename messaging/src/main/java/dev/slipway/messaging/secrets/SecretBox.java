package dev.slipway.messaging.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals config values so they travel through Kafka and rest in PostgreSQL only as ciphertext:
 * AES-256-GCM with the newest key of a {@link KeyRing}, a fresh 96-bit nonce per value, and the
 * app, the var's name and the key version as associated data, so that a value copied to another
 * app or var, or relabelled with another version, is refused instead of opened. See {@link SealedForm}.
 */
public final class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing ring;

    public SecretBox(KeyRing ring) {
        this.ring = ring;
    }

    /** Where a value belongs: it opens only there. */
    public record Owner(String app, String key) {
        byte[] associatedData(int version) {
            // NUL cannot occur in app names or var names, so the fields cannot run into each other.
            return ("slipway config var\0" + version + "\0" + app + "\0" + key).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "config var " + key + " of app \"" + app + "\"";
        }
    }

    public int newestVersion() {
        return ring.newest();
    }

    /** The key versions that open, for messages: "1, 2". */
    public String versions() {
        return ring.versions();
    }

    public String seal(Owner owner, String value) {
        int version = ring.newest();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, ring.newestKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.associatedData(version));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return SealedForm.format(version, ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws IllegalArgumentException when the value is not sealed, was sealed with a key version the
     *     ring does not hold, for another owner, or was altered; the message never holds the value
     */
    public String open(Owner owner, String sealed) {
        SealedForm form = SealedForm.parse(sealed);
        SecretKey key = ring.key(form.version()).orElseThrow(() -> new IllegalArgumentException(form.legacy()
                ? "sealed before key versions (v1:), and the key ring has no version 0 (the former secrets-key)"
                : "sealed with key version " + form.version() + ", which the key ring does not hold (it holds "
                        + ring.versions() + "): give this service the newest key file"));
        if (form.bytes().length <= NONCE_BYTES) {
            throw new IllegalArgumentException("sealed value is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, form.bytes(), 0, NONCE_BYTES));
            if (!form.legacy()) {
                cipher.updateAAD(owner.associatedData(form.version()));
            }
            return new String(cipher.doFinal(form.bytes(), NONCE_BYTES, form.bytes().length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("sealed value does not open with key version " + form.version()
                    + " as " + owner + ": it was sealed for another app or var, with another key, or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Bound to its owner and sealed with the newest key version, or a newer one (another service read
     * a newer key file first): nothing for a rotation to do, and never sealed down to an older version.
     */
    public boolean isCurrent(String sealed) {
        try {
            SealedForm form = SealedForm.parse(sealed);
            return !form.legacy() && form.version() >= ring.newest();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The same value sealed again with the newest key version; its clear text lives only in here. */
    public String reseal(Owner owner, String sealed) {
        return seal(owner, open(owner, sealed));
    }
}
