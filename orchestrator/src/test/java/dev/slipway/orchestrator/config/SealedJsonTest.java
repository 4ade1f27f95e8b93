package dev.slipway.orchestrator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.config.AppConfig;
import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.secrets.KeyRing;
import dev.slipway.messaging.secrets.SecretBox;
import dev.slipway.messaging.secrets.SecretBox.Owner;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealedJsonTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private final SecretBox old = new SecretBox(KeyRing.parse("1 " + K1));
    private final SecretBox rotated = new SecretBox(KeyRing.parse("1 " + K1 + "\n2 " + K2));

    @Test
    void everySealedEnvAtAnyDepthIsResealedAndNothingElseChanges() throws Exception {
        AppConfig config = AppConfig.empty().withSealedEnv(Map.of(
                "DATABASE_URL", old.seal(new Owner("shop", "DATABASE_URL"), "postgres://x"),
                "TOKEN", old.seal(new Owner("shop", "TOKEN"), "t0ken")));
        // A command carrying the config twice, as a stop of the previous release beside the new one would.
        ObjectNode command = EventCodec.mapper().createObjectNode().put("app", "shop");
        command.set("config", EventCodec.mapper().valueToTree(config));
        command.set("previous", EventCodec.mapper().createObjectNode().set("config", EventCodec.mapper().valueToTree(config)));
        String json = EventCodec.encode(command);

        SealedJson.Outcome outcome = SealedJson.reseal(json, "shop", rotated);

        assertEquals(new Tally(4, 0), outcome.tally());
        JsonNode after = EventCodec.mapper().readTree(outcome.json());
        AppConfig read = EventCodec.readStored(after.get("config").toString(), new TypeReference<>() { });
        assertEquals("postgres://x", rotated.open(new Owner("shop", "DATABASE_URL"), read.sealedEnv().get("DATABASE_URL")));
        assertTrue(read.sealedEnv().values().stream().allMatch(v -> v.startsWith("v2:2:")), read.sealedEnv()::toString);
        assertEquals(config.withSealedEnv(Map.of()), read.withSealedEnv(Map.of()), "the rest as it was");
        assertTrue(after.get("previous").get("config").get("sealedEnv").get("TOKEN").asText().startsWith("v2:2:"));
        assertNull(SealedJson.reseal(outcome.json(), "shop", rotated).json(), "a second run has nothing to do");
    }

    @Test
    void aValueThatDoesNotOpenIsCountedAndLeftAsItIs() {
        String foreign = old.seal(new Owner("blog", "TOKEN"), "t0ken");
        String json = EventCodec.encode(AppConfig.empty().withSealedEnv(Map.of("TOKEN", foreign)));

        SealedJson.Outcome outcome = SealedJson.reseal(json, "shop", rotated);

        assertEquals(new Tally(0, 1), outcome.tally());
        assertNull(outcome.json());
        assertFalse(SealedJson.reseal("not json", "shop", rotated).tally().resealed() > 0);
    }

    @Test
    void theDatabaseFilterMatchesWhatTheCodecWrites() {
        String json = EventCodec.encode(AppConfig.empty().withSealedEnv(Map.of("K", "v2:1:AAAA")));
        String pattern = SealedJson.LIKE.replace("%", "");

        assertTrue(json.contains(pattern), json);
        assertFalse(EventCodec.encode(AppConfig.empty()).contains(pattern));
    }
}
