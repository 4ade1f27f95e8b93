package dev.slipway.messaging.secrets;

import java.util.Base64;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The versions of the key that seals config vars: the newest seals, every one listed opens. Read
 * from the key file's text, one {@code <version> <base64 of 32 bytes>} per line; blank lines and
 * {@code #} comments are skipped. Errors name the line, never its key.
 */
public final class KeyRing {

    static final int KEY_BYTES = 32;

    private final NavigableMap<Integer, SecretKey> keys;

    private KeyRing(NavigableMap<Integer, SecretKey> keys) {
        this.keys = Collections.unmodifiableNavigableMap(keys);
    }

    /** @throws IllegalArgumentException saying which line is wrong, and how */
    public static KeyRing parse(String text) {
        NavigableMap<Integer, SecretKey> keys = new TreeMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (i + 1) + ": ";
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                throw new IllegalArgumentException(where + "expected \"<version> <base64 of 32 bytes>\"");
            }
            int version = version(fields[0], where);
            if (keys.put(version, key(fields[1], where)) != null) {
                throw new IllegalArgumentException(where + "version " + version + " is listed twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key: add a line \"1 <base64 of 32 random bytes>\"");
        }
        return new KeyRing(keys);
    }

    public int newest() {
        return keys.lastKey();
    }

    SecretKey newestKey() {
        return keys.lastEntry().getValue();
    }

    Optional<SecretKey> key(int version) {
        return Optional.ofNullable(keys.get(version));
    }

    /** The versions held, for messages: "0, 1, 2". */
    public String versions() {
        return String.join(", ", keys.keySet().stream().map(String::valueOf).toList());
    }

    private static int version(String field, String where) {
        try {
            int version = Integer.parseInt(field);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(where + "the version must be a whole number, 0 or more");
    }

    private static SecretKey key(String field, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "the key is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(where + "the key must be 32 bytes (head -c 32 /dev/urandom | base64), not "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
