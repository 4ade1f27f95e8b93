package dev.slipway.messaging;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to a plugin's REST extension, on {@code slipway.plugin-requests}: sent by the
 * orchestrator, handled by the one worker it names (every worker reads the topic, the others skip
 * it). It carries no header of the caller's: the plugin never sees the bearer token.
 *
 * @param id                 what the reply quotes
 * @param worker             the worker that is to answer, as it announces itself
 * @param plugin             the plugin's name
 * @param path               what follows {@code /api/plugins/<plugin>}, starting with '/'
 * @param query              the query parameters, first value of each
 * @param contentType        the request's Content-Type, or "" for none
 * @param body               the request body as text, "" for none; at most {@link #MAX_BODY_BYTES} in UTF-8
 * @param answerWithinMillis how long the plugin may take: the worker answers 504 itself after it
 */
public record PluginRequest(UUID id, String worker, String plugin, String method, String path, Map<String, String> query,
                            String contentType, String body, long answerWithinMillis) {

    /** Kafka's messages are 1 MiB at most by default: a body stays well below, with room for JSON escapes. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    public PluginRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? Map.of() : Map.copyOf(query);
        contentType = contentType == null ? "" : contentType;
        body = body == null ? "" : body;
    }
}
