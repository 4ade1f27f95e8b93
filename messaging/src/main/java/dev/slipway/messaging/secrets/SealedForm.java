package dev.slipway.messaging.secrets;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a sealed value. {@code v2:<key version>:<base64(nonce | ciphertext | tag)>} is
 * sealed with that key version and bound to its app and config var; {@code v1:<base64>} is the form
 * from before key versions: no associated data, opened with key version 0 (the former single key).
 * Base64 has no ':', so the form splits without ambiguity.
 */
record SealedForm(int version, boolean legacy, byte[] bytes) {

    static final String CURRENT = "v2:";
    static final String LEGACY = "v1:";
    /** The version the single key of before the key ring is given when it joins the ring. */
    static final int LEGACY_VERSION = 0;

    private static final Pattern VERSIONED = Pattern.compile("v2:(\\d{1,9}):([A-Za-z0-9+/=]+)");

    /** @throws IllegalArgumentException that never quotes the text, which might be a clear value */
    static SealedForm parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a sealed value (null)");
        }
        if (text.startsWith(LEGACY)) {
            return new SealedForm(LEGACY_VERSION, true, decode(text.substring(LEGACY.length())));
        }
        Matcher m = VERSIONED.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a sealed value (expected v2:<key version>:<base64>)");
        }
        return new SealedForm(Integer.parseInt(m.group(1)), false, decode(m.group(2)));
    }

    static String format(int version, byte[] bytes) {
        return CURRENT + version + ":" + Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a sealed value (its base64 is damaged)");
        }
    }
}
