package dev.slipway.orchestrator.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.messaging.PluginReply;
import dev.slipway.messaging.PluginRequest;
import dev.slipway.orchestrator.Refused;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PluginHttpTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static PluginRequest request(String path, String type, byte[] body) {
        return PluginHttp.request(ID, "w1", "echo", "POST", path, Map.of("q", List.of("1", "2"), "flag", List.of()),
                type, body, TIMEOUT);
    }

    @Test
    void aRequestCarriesPathQueryTypeAndBodyAndLeavesTheWorkerTimeToAnswerFirst() {
        PluginRequest request = request("items/7", "application/json", "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));

        assertEquals(new PluginRequest(ID, "w1", "echo", "POST", "/items/7", Map.of("q", "1", "flag", ""),
                "application/json", "{\"a\":\"é\"}", 9000), request);
        assertEquals("/", PluginHttp.request(ID, "w1", "echo", "GET", "", Map.of(), null, null, TIMEOUT).path());
        assertEquals("", PluginHttp.request(ID, "w1", "echo", "GET", "", Map.of(), null, null, TIMEOUT).body());
    }

    @Test
    void whatCannotBePassedOnIsRefusedSayingWhat() {
        Refused big = assertThrows(Refused.class,
                () -> request("x", "text/plain", new byte[PluginRequest.MAX_BODY_BYTES + 1]));
        assertEquals(Refused.Kind.TOO_LARGE, big.kind());
        assertEquals("request body is 262145 bytes; a plugin takes at most 262144", big.getMessage());

        Refused binary = assertThrows(Refused.class, () -> request("x", "text/plain", new byte[] {(byte) 0xff}));
        assertEquals("request body is not UTF-8 text, which is all a plugin takes", binary.getMessage());
        assertThrows(Refused.class, () -> request("a\u0000b", "text/plain", null));
        assertThrows(Refused.class, () -> request("x", "text/plain\r\nX-Evil: 1", null));
        Refused name = assertThrows(Refused.class, () -> PluginHttp.checkName("Bad_Name"));
        assertEquals(Refused.Kind.INVALID, name.kind());
        assertEquals("plugin name \"Bad_Name\" is not a lower-case name of at most 63 letters, digits and '-'",
                name.getMessage());
    }

    @Test
    void aPluginsAnswerIsPassedOnAsItIs() {
        Response answer = PluginHttp.response("echo", new PluginReply(ID, "w1", 201, "text/csv", "a,b\n"));

        assertEquals(201, answer.getStatus());
        assertEquals("text/csv", answer.getMediaType().toString());
        assertEquals("a,b\n", body(answer));
        assertEquals("nosniff", answer.getHeaderString("X-Content-Type-Options"));
    }

    @Test
    void aPluginsErrorIsPassedOnInTheApisShapeAndWrappedWhenItIsNotInIt() {
        Response own = PluginHttp.response("echo", new PluginReply(ID, "w1", 400, "application/json",
                "{\"error\":\"name is missing\"}"));
        assertEquals(400, own.getStatus());
        assertEquals("{\"error\":\"name is missing\"}", body(own));

        Response wrapped = PluginHttp.response("echo", new PluginReply(ID, "w1", 422, "text/plain", "no\u0007 good\n"));
        assertEquals(422, wrapped.getStatus());
        assertEquals("{\"error\":\"plugin echo answered 422: no\\\\u0007 good\"}", body(wrapped));
    }

    @Test
    void aReplyThatIsNoHttpAnswerIsA502() {
        for (PluginReply bad : List.of(new PluginReply(ID, "w1", 99, "text/plain", ""),
                new PluginReply(ID, "w1", 700, "text/plain", ""),
                new PluginReply(ID, "w1", 200, "text/plain\r\nSet-Cookie: a=b", ""),
                new PluginReply(ID, "w1", 200, null, ""),
                new PluginReply(ID, "w1", 200, "text/plain", null),
                new PluginReply(ID, "w1", 200, "text/plain", "x".repeat(PluginReply.MAX_BODY_BYTES + 1)))) {
            Response answer = PluginHttp.response("echo", bad);
            assertEquals(502, answer.getStatus(), bad.toString().substring(0, 80));
            assertTrue(body(answer).startsWith("{\"error\":\"plugin echo answered what cannot be passed on: "), body(answer));
        }
    }

    private static String body(Response response) {
        return new String((byte[]) response.getEntity(), StandardCharsets.UTF_8);
    }
}
