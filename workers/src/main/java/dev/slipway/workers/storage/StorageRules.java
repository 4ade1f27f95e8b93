package dev.slipway.workers.storage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.api.StageException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * What a plugin may store: the rules of {@link dev.slipway.api.PluginStorage} and
 * {@link dev.slipway.api.DeploymentMetadata}, checked before anything reaches the database, each
 * refusal naming the key and what is wrong. Values are read as JSON by Jackson, not trusted to be.
 */
public record StorageRules(int maxValueBytes, long quotaBytes, int maxMetadataBytes, int maxMetadataKeys) {

    static final int MAX_KEY_LENGTH = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /**
     * The most digits a number may print as: jsonb keeps {@code 1e131071} as the number it is and
     * prints it as 131,072 digits, so nine bytes written would become a value far past the size limit.
     */
    static final int MAX_NUMBER_DIGITS = 1000;

    static final String STORAGE = "plugin storage";
    static final String METADATA = "deployment metadata";

    /** A storage key: non-empty, at most 200 characters, no control characters. */
    public String key(String key) throws StageException {
        return key(STORAGE, key);
    }

    /** A metadata key: the same rules as a storage key. */
    public String metadataKey(String key) throws StageException {
        return key(METADATA, key);
    }

    private static String key(String store, String key) throws StageException {
        if (key == null || key.isEmpty()) {
            throw new StageException(store + ": a key must not be empty");
        }
        return text(store, "key", key);
    }

    /** A prefix to list by: a key's rules, but it may be empty (every key). */
    public String prefix(String prefix) throws StageException {
        return prefix == null || prefix.isEmpty() ? "" : text(STORAGE, "prefix", prefix);
    }

    private static String text(String store, String what, String text) throws StageException {
        if (text.length() > MAX_KEY_LENGTH) {
            throw new StageException(store + ": " + what + " " + quoted(text.substring(0, 40) + "…") + " is "
                    + text.length() + " characters long; at most " + MAX_KEY_LENGTH + " are allowed");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new StageException(store + ": " + what + " " + quoted(text) + " holds a control character (U+"
                        + String.format("%04X", (int) text.charAt(i)) + ") at position " + i);
            }
        }
        return text;
    }

    /** A value under {@code key}: one JSON text of at most {@link #maxValueBytes()}. */
    public String json(String key, String json) throws StageException {
        if (json == null) {
            throw new StageException("plugin storage: the value of " + quoted(key) + " is missing; to remove a key, delete it");
        }
        fits(STORAGE, key, json, maxValueBytes, "max-value-bytes");
        JsonNode value;
        try {
            value = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StageException("plugin storage: the value of " + quoted(key) + " is not JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (value == null || value.isMissingNode()) {
            throw new StageException("plugin storage: the value of " + quoted(key) + " is empty; store JSON such as null or \"\"");
        }
        String number = hugeNumber(value);
        if (number != null) {
            throw new StageException("plugin storage: the value of " + quoted(key) + " holds the number " + number
                    + ", which is more than " + MAX_NUMBER_DIGITS + " digits written out; store it as a text");
        }
        if (holdsNul(value)) {
            // PostgreSQL's jsonb cannot hold U+0000: say so, rather than pass on the database's error.
            throw new StageException("plugin storage: the value of " + quoted(key) + " holds the character U+0000, "
                    + "which cannot be stored");
        }
        return json;
    }

    /** A number of the value that the database would print with more than {@link #MAX_NUMBER_DIGITS} digits, or null. */
    private static String hugeNumber(JsonNode node) {
        if (node.isBigDecimal()) {
            java.math.BigDecimal number = node.decimalValue();
            long whole = (long) number.precision() - number.scale();
            return Math.max(whole, number.scale()) > MAX_NUMBER_DIGITS ? number.toString() : null;
        }
        for (JsonNode child : node) {
            String found = hugeNumber(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().indexOf('\0') >= 0 || holdsNul(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (holdsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A metadata value under {@code key}: a short text, at most {@link #maxMetadataBytes()}, without NUL. */
    public String metadata(String key, String value) throws StageException {
        if (value == null) {
            throw new StageException("deployment metadata: the value of " + quoted(key) + " is missing");
        }
        fits(METADATA, key, value, maxMetadataBytes, "max-metadata-bytes");
        if (value.indexOf('\0') >= 0) {
            throw new StageException("deployment metadata: the value of " + quoted(key) + " holds the character U+0000");
        }
        return value;
    }

    /** Sizes count bytes of UTF-8, as the database stores them, not characters. */
    private static void fits(String store, String key, String value, int max, String setting) throws StageException {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > max) {
            throw new StageException(store + ": the value of " + quoted(key) + " is " + bytes + " bytes; at most " + max
                    + " are allowed (slipway.storage." + setting + ")");
        }
    }

    /** A key as an error message shows it: control characters escaped, so a message stays one line. */
    static String quoted(String key) {
        StringBuilder out = new StringBuilder("\"");
        key.codePoints().limit(MAX_KEY_LENGTH).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
