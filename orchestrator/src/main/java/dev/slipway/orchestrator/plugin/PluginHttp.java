package dev.slipway.orchestrator.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.config.Names;
import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.PluginReply;
import dev.slipway.messaging.PluginRequest;
import dev.slipway.orchestrator.Refused;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the API hands a plugin's REST extension, and what it passes back, both checked: the caller's
 * request becomes a {@link PluginRequest} without any of its headers but its Content-Type (so never
 * its bearer token); the worker's {@link PluginReply} becomes the answer, an error in the API's
 * {@code {"error": …}} shape whatever the plugin wrote.
 */
final class PluginHttp {

    static final int MAX_PATH = 2048;
    static final int MAX_QUERY_PARAMETERS = 100;
    private static final int MAX_QUOTED = 300;

    private PluginHttp() {
    }

    /** @throws Refused INVALID when {@code plugin} cannot be a plugin's name */
    static void checkName(String plugin) {
        if (plugin == null || !Names.STRATEGY.matcher(plugin).matches()) {
            throw Refused.invalid("plugin name \"" + Names.printable(String.valueOf(plugin))
                    + "\" is not a lower-case name of at most 63 letters, digits and '-'");
        }
    }

    /**
     * @param path  what follows {@code /api/plugins/<plugin>/}, decoded
     * @param query the query parameters; the first value of each is passed on
     * @throws Refused INVALID or TOO_LARGE for what cannot be passed on
     */
    static PluginRequest request(UUID id, String worker, String plugin, String method, String path,
                                 Map<String, List<String>> query, String contentType, byte[] body, Duration timeout) {
        String fullPath = "/" + path;
        if (fullPath.length() > MAX_PATH || fullPath.chars().anyMatch(Character::isISOControl)) {
            throw Refused.invalid("path \"" + Names.printable(fullPath) + "\" is longer than " + MAX_PATH
                    + " characters or holds control characters");
        }
        if (query.size() > MAX_QUERY_PARAMETERS) {
            throw Refused.invalid(query.size() + " query parameters; a plugin takes at most " + MAX_QUERY_PARAMETERS);
        }
        String type = contentType == null ? "" : contentType;
        if (type.length() > 200 || !type.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            throw Refused.invalid("Content-Type \"" + Names.printable(type) + "\" is not a media type");
        }
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > PluginRequest.MAX_BODY_BYTES) {
            throw Refused.tooLarge("request body is " + bytes.length
                    + " bytes; a plugin takes at most " + PluginRequest.MAX_BODY_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Refused.invalid("request body is not UTF-8 text, which is all a plugin takes");
        }
        Map<String, String> first = new LinkedHashMap<>();
        query.forEach((key, values) -> first.put(key, values.isEmpty() ? "" : values.get(0)));
        // The worker gives up first, so its 504 (which names the plugin and is reported as its failure) arrives.
        long within = Math.max(timeout.toMillis() - 1000, timeout.toMillis() * 4 / 5);
        return new PluginRequest(id, worker, plugin, method, fullPath, first, type, text, within);
    }

    /** The answer to the caller; 502 when the reply cannot be passed on. */
    static Response response(String plugin, PluginReply reply) {
        String problem = reply.problem();
        if (problem != null) {
            return error(Response.Status.BAD_GATEWAY.getStatusCode(),
                    "plugin " + plugin + " answered what cannot be passed on: " + problem);
        }
        if (reply.status() >= 400 && !isError(reply)) {
            return error(reply.status(), "plugin " + plugin + " answered " + reply.status() + ": " + Names.printable(reply.body().strip(), MAX_QUOTED));
        }
        return Response.status(reply.status()).type(reply.contentType())
                .header("X-Content-Type-Options", "nosniff")
                .entity(reply.body().getBytes(StandardCharsets.UTF_8)).build();
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(EventCodec.encode(Map.of("error", message)).getBytes(StandardCharsets.UTF_8)).build();
    }

    /** Already in the API's shape: a JSON object whose "error" is a text. */
    private static boolean isError(PluginReply reply) {
        if (!reply.contentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode body = EventCodec.mapper().readTree(reply.body());
            return body != null && body.isObject() && body.path("error").isTextual();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
