package dev.slipway.orchestrator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.secrets.SecretBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Re-seals the config vars inside a stored JSON document (a deployment's config, a command in the
 * outbox): every {@code "sealedEnv"} object at any depth, so that a command that carries two configs
 * is covered too. It works on the JSON tree, not on the records, so that it keeps every other field
 * exactly as it was stored.
 */
final class SealedJson {

    static final String FIELD = "sealedEnv";
    /** What a document with at least one sealed value contains; a cheap filter for the database. */
    static final String LIKE = "%\"" + FIELD + "\":{\"%";

    private SealedJson() {
    }

    /** @param json the document's new text when something was re-sealed; {@code null} when it is to stay as stored */
    record Outcome(String json, Tally tally) {
    }

    static Outcome reseal(String json, String app, SecretBox box) {
        JsonNode root;
        try {
            root = EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return new Outcome(null, Tally.UNREADABLE);
        }
        Tally tally = Tally.NONE;
        for (JsonNode found : root.findValues(FIELD)) {
            if (found instanceof ObjectNode sealedEnv) {
                tally = tally.plus(resealFields(sealedEnv, app, box));
            }
        }
        return new Outcome(tally.resealed() > 0 ? EventCodec.encode(root) : null, tally);
    }

    private static Tally resealFields(ObjectNode sealedEnv, String app, SecretBox box) {
        Tally tally = Tally.NONE;
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        sealedEnv.fields().forEachRemaining(fields::add);
        for (Map.Entry<String, JsonNode> field : fields) {
            String sealed = field.getValue().asText();
            if (box.isCurrent(sealed)) {
                continue;
            }
            try {
                sealedEnv.put(field.getKey(), box.reseal(new SecretBox.Owner(app, field.getKey()), sealed));
                tally = tally.plus(Tally.ONE);
            } catch (IllegalArgumentException e) {
                tally = tally.plus(Tally.UNREADABLE);
            }
        }
        return tally;
    }
}
