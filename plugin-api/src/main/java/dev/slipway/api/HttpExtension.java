package dev.slipway.api;

import java.util.Map;

/**
 * A plugin's own REST endpoints: the orchestrator hands it every request under
 * {@code /api/plugins/<plugin name>/…} (after checking the caller's token, as for all of
 * {@code /api}). Its {@link #name()} is the plugin's name.
 */
public interface HttpExtension extends Strategy {

    /**
     * One request.
     *
     * @param path  what follows {@code /api/plugins/<name>}, starting with '/' ("/" for none)
     * @param query the query parameters, first value of each
     * @param body  the request body as text, "" for none
     */
    record Request(String method, String path, Map<String, String> query, String contentType, String body) {
    }

    /** The answer: a status, and a body of the given type. */
    record Response(int status, String contentType, String body) {

        public static Response json(int status, String json) {
            return new Response(status, "application/json", json);
        }
    }

    /** What the host gives an extension: its settings and its storage. */
    interface Context {

        Map<String, String> config();

        PluginStorage storage();
    }

    /**
     * Answers one request. Bad input is answered with a 4xx response whose JSON body says what is
     * wrong; throwing means the plugin failed (a 502 for the caller).
     */
    Response handle(Request request, Context context) throws StageException;
}
