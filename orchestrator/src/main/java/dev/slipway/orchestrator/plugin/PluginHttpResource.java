package dev.slipway.orchestrator.plugin;

import dev.slipway.orchestrator.SlipwayConfig;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plugins' own endpoints: {@code /api/plugins/<plugin>/…}, any of the usual methods, handed to a live
 * worker that loaded the plugin with a REST extension and answered with what the plugin answered.
 * No such worker is a 404, no answer in time a 504, a plugin that fails a 502.
 */
@Path("/api/plugins/{plugin}/{path: .*}")
public class PluginHttpResource {

    private final WorkerDirectory directory;
    private final PluginCalls calls;
    private final SlipwayConfig.PluginHttp settings;

    public PluginHttpResource(WorkerDirectory directory, PluginCalls calls, SlipwayConfig config) {
        this.directory = directory;
        this.calls = calls;
        this.settings = config.pluginHttp();
    }

    @GET
    public Uni<Response> get(@PathParam("plugin") String plugin, @PathParam("path") String path, @Context UriInfo uri,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String type) {
        return forward("GET", plugin, path, uri, type, null);
    }

    @DELETE
    public Uni<Response> delete(@PathParam("plugin") String plugin, @PathParam("path") String path, @Context UriInfo uri,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String type) {
        return forward("DELETE", plugin, path, uri, type, null);
    }

    @POST
    public Uni<Response> post(@PathParam("plugin") String plugin, @PathParam("path") String path, @Context UriInfo uri,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, byte[] body) {
        return forward("POST", plugin, path, uri, type, body);
    }

    @PUT
    public Uni<Response> put(@PathParam("plugin") String plugin, @PathParam("path") String path, @Context UriInfo uri,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, byte[] body) {
        return forward("PUT", plugin, path, uri, type, body);
    }

    @PATCH
    public Uni<Response> patch(@PathParam("plugin") String plugin, @PathParam("path") String path, @Context UriInfo uri,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, byte[] body) {
        return forward("PATCH", plugin, path, uri, type, body);
    }

    private Uni<Response> forward(String method, String plugin, String path, UriInfo uri, String type, byte[] body) {
        PluginHttp.checkName(plugin);
        List<String> workers = directory.servingHttp(plugin);
        if (workers.isEmpty()) {
            return Uni.createFrom().item(PluginHttp.error(404, "no live worker has plugin \"" + plugin
                    + "\" with a REST extension (GET /api/plugins lists the plugins)"));
        }
        // Any of them: they loaded the same plugin, and a worker's load is its own business.
        String worker = workers.get(ThreadLocalRandom.current().nextInt(workers.size()));
        var request = PluginHttp.request(UUID.randomUUID(), worker, plugin, method, path, uri.getQueryParameters(),
                type, body, settings.timeout());
        return calls.call(request, settings.timeout())
                .map(reply -> reply.map(r -> PluginHttp.response(plugin, r)).orElseGet(() -> PluginHttp.error(504,
                        "plugin " + plugin + " did not answer within " + settings.timeout().toSeconds() + " s (worker "
                                + worker + ")")))
                .onFailure().recoverWithItem(e -> PluginHttp.error(503, "the request could not be sent to worker "
                        + worker + ": " + e.getClass().getSimpleName()));
    }
}
