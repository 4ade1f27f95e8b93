package dev.slipway.workers.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.StageException;
import dev.slipway.api.config.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reading what an executable plugin printed, which is untrusted input: one JSON object, bounded in
 * depth and size, each field of the type and size the protocol says. Every refusal names the
 * plugin, the operation and the field.
 */
final class PluginAnswers {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                .maxStringLength(PluginCalls.MAX_ANSWER).maxNumberLength(20).build());
    }

    /** A field that is not what the protocol says: its path, and what it should be. */
    static final class BadField extends Exception {
        BadField(String path, String problem) {
            super(path + " " + problem);
        }
    }

    private PluginAnswers() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The answer of a call that must succeed: exit 0 and a JSON object (an empty stdout is {@code {}}). */
    static JsonNode answer(PluginCalls.Answer answer) throws StageException {
        if (answer.exit() != PluginProtocol.DONE) {
            throw failure(answer);
        }
        String text = new String(answer.stdout(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return object();
        }
        JsonNode node = parse(text);
        if (node == null || !node.isObject()) {
            throw new StageException(prefix(answer) + "printed garbage on stdout, not a JSON object: \""
                    + Names.printable(text.strip()) + "\"");
        }
        return node;
    }

    /**
     * Why a call failed, from its exit status and its optional {@code {"code", "message", "retryable"}}:
     * retryable only when the plugin says {@code "retryable": true}.
     */
    static StageException failure(PluginCalls.Answer answer) {
        int status = answer.exit();
        String exit = status > 128 && status < 128 + 65 ? "was killed by signal " + (status - 128)
                : "failed with exit code " + status;
        JsonNode error = parse(new String(answer.stdout(), StandardCharsets.UTF_8));
        String said = "";
        if (error != null && error.isObject() && error.path("message").isTextual()) {
            String code = error.path("code").isTextual() ? Names.printable(error.get("code").asText()) + ": " : "";
            said = " (" + code + Names.printable(error.get("message").asText()) + ")";
        }
        boolean retryable = error != null && error.isObject() && error.path("retryable").asBoolean(false)
                && error.path("retryable").isBoolean();
        return new StageException(prefix(answer) + exit + said + "; its stderr is in the log", null, retryable);
    }

    static String prefix(PluginCalls.Answer answer) {
        return "plugin " + answer.plugin() + " (" + answer.operation() + ") ";
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String text(JsonNode node, String path, boolean required, int maxLength) throws BadField {
        JsonNode value = node.get(last(path));
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadField(path, "is missing");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > maxLength
                || value.asText().chars().anyMatch(Character::isISOControl)) {
            throw new BadField(path, "is not a text of 1 to " + maxLength + " printable characters");
        }
        return value.asText();
    }

    static int integer(JsonNode node, String path, int otherwise, int min, int max) throws BadField {
        JsonNode value = node.get(last(path));
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new BadField(path, "is not a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    /** An array field's elements (absent: none), at most {@code max} of them. */
    static List<JsonNode> array(JsonNode node, String path, int max) throws BadField {
        JsonNode value = node.get(last(path));
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > max) {
            throw new BadField(path, "is not an array of at most " + max + " elements");
        }
        List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        return elements;
    }

    /** An object of texts (absent: empty), at most {@code max} entries, each key checked by {@code keyProblem}. */
    static Map<String, String> texts(JsonNode node, String path, int max, Function<String, String> keyProblem)
            throws BadField {
        JsonNode value = node.get(last(path));
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject() || value.size() > max) {
            throw new BadField(path, "is not an object of at most " + max + " texts");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String problem = keyProblem.apply(entry.getKey());
            if (problem != null) {
                throw new BadField(path + "." + Names.printable(entry.getKey()), problem);
            }
            texts.put(entry.getKey(), text(value, path + "." + entry.getKey(), true, 4096));
        }
        return texts;
    }

    static JsonNode element(List<JsonNode> elements, int i, String path) throws BadField {
        JsonNode element = elements.get(i);
        if (!element.isObject()) {
            throw new BadField(path + "[" + i + "]", "is not an object");
        }
        return element;
    }

    /** {@code provides[0].settings} → {@code settings}: the field's own name. */
    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
