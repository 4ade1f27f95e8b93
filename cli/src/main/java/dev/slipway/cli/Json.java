package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Lenient reading of API answers: a missing or null field is empty text, not an error. */
public final class Json {

    private Json() {
    }

    /** The field as text, {@code ""} when missing or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** The field's array elements as text; empty when missing. */
    public static List<String> texts(JsonNode node, String field) {
        List<String> result = new ArrayList<>();
        JsonNode value = node == null ? null : node.get(field);
        if (value != null && value.isArray()) {
            value.forEach(element -> result.add(element.asText()));
        }
        return result;
    }

    /** Whether the field is present and not null. */
    public static boolean has(JsonNode node, String field) {
        return node != null && node.hasNonNull(field);
    }
}
