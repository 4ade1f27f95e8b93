package dev.slipway.messaging;

import dev.slipway.api.config.Names;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A worker's answer to a {@link PluginRequest}, on {@code slipway.plugin-replies}: what the plugin
 * answered, or the worker's own 502/504 {@code {"error": …}} when the plugin threw or hung.
 *
 * @param id     the request's id
 * @param worker the worker that answered
 * @param body   the body as text; at most {@link #MAX_BODY_BYTES} in UTF-8
 */
public record PluginReply(UUID id, String worker, int status, String contentType, String body) {

    public static final int MAX_BODY_BYTES = PluginRequest.MAX_BODY_BYTES;
    /** type/subtype and optional parameters, printable ASCII only: it becomes a response header. */
    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(;[ -~]*)?");

    public PluginReply {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(worker, "worker");
    }

    /** Why this is not an answer that may be passed on to the caller, or {@code null} if it is. */
    public String problem() {
        if (status < 200 || status > 599) {
            return "status " + status + " is not one of 200 to 599";
        }
        if (contentType == null || contentType.length() > 200 || !CONTENT_TYPE.matcher(contentType).matches()) {
            return "content type \"" + (contentType == null ? "null" : Names.printable(contentType))
                    + "\" is not type/subtype";
        }
        if (body == null) {
            return "the body is missing";
        }
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_BODY_BYTES ? "the body is " + bytes + " bytes; at most " + MAX_BODY_BYTES + " are passed on"
                : null;
    }
}
