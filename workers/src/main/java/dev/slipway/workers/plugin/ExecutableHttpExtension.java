package dev.slipway.workers.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.HttpExtension;
import dev.slipway.api.StageException;

/**
 * The REST extension of an executable plugin: each request is one {@code http} call of its
 * program, the request as JSON on stdin and {@code {status, contentType, body}} on stdout. What
 * the answer may be passed on as (status, type, size) the {@link HttpDispatcher} checks, as for a
 * Java extension; here only its fields' types. Its storage the program reaches through the host
 * services ({@link HostAccess}), so {@code context.storage()} is not used.
 */
final class ExecutableHttpExtension extends ExecutableStrategy implements HttpExtension {

    private static final int MAX_CONTENT_TYPE = 200;

    ExecutableHttpExtension(Program program, Described described) {
        super(program, described);
    }

    @Override
    public Response handle(Request request, Context context) throws StageException {
        ObjectNode asked = request(PluginProtocol.HTTP);
        asked.put("method", request.method());
        asked.put("path", request.path());
        asked.set("query", PluginAnswers.JSON.valueToTree(request.query()));
        asked.put("contentType", request.contentType());
        asked.put("body", request.body());
        JsonNode answer = callOutsideStages(PluginProtocol.HTTP, context.config(), asked);
        try {
            return response(answer);
        } catch (PluginAnswers.BadField e) {
            throw new StageException("plugin " + plugin() + " (http) answered wrongly: " + e.getMessage());
        }
    }

    /**
     * {@code body} is a text passed on as it is, or any other JSON value passed on as its JSON text
     * (then {@code application/json} unless {@code contentType} says otherwise): a shell script need
     * not escape JSON inside a JSON string.
     */
    private static Response response(JsonNode answer) throws PluginAnswers.BadField {
        JsonNode status = answer.get("status");
        if (status == null || !status.isIntegralNumber() || !status.canConvertToInt()) {
            throw new PluginAnswers.BadField("status", "is not a whole number such as 200");
        }
        String contentType = PluginAnswers.text(answer, "contentType", false, MAX_CONTENT_TYPE);
        JsonNode body = answer.get("body");
        if (body == null || body.isNull()) {
            return new Response(status.asInt(), contentType, "");
        }
        if (body.isTextual()) {
            return new Response(status.asInt(), contentType, body.asText());
        }
        return new Response(status.asInt(), contentType == null ? "application/json" : contentType, body.toString());
    }
}
