package dev.slipway.workers.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.DeploymentMetadata;
import dev.slipway.api.PluginStorage;
import dev.slipway.api.StageException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * The host services an executable plugin reaches during one call ({@code docs/plugin-protocol.md},
 * "Host services"): its own storage and its deployment's metadata, for the plugin and deployment
 * its bearer token was made for ({@link HostGrants}), nothing else. Answers are blocking (the
 * database is awaited), so they run on worker threads; errors are {@code {"error": …}}.
 */
@Path("/host")
@Consumes(MediaType.WILDCARD)
public class HostResource {

    private final HostGrants grants;
    private final PluginServices services;
    private final ObjectMapper json;

    public HostResource(HostGrants grants, PluginServices services, ObjectMapper json) {
        this.grants = grants;
        this.services = services;
        this.json = json;
    }

    /** What a route does for a caller; a StageException is the plugin's input refused, or the database away. */
    private interface Call {
        Response answer(HostGrants.Caller caller) throws StageException, JsonProcessingException;
    }

    private Response serve(String authorization, Call call) {
        Optional<HostGrants.Caller> caller = grants.caller(authorization);
        if (caller.isEmpty()) {
            return error(Response.Status.UNAUTHORIZED, "a bearer token of a running plugin call is required")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        try {
            return call.answer(caller.get());
        } catch (StageException e) {
            return refused(e);
        } catch (JsonProcessingException e) {
            return error(Response.Status.BAD_REQUEST, "the body is not JSON: " + e.getOriginalMessage()).build();
        } catch (IllegalStateException e) {
            // DeploymentMetadata.all() may not throw a StageException, so it wraps one.
            if (e.getCause() instanceof StageException cause) {
                return refused(cause);
            }
            throw e;
        }
    }

    private Response refused(StageException e) {
        return error(e instanceof StorageUnavailable ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.BAD_REQUEST,
                e.getMessage()).build();
    }

    private Response.ResponseBuilder error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message));
    }

    private PluginStorage storage(HostGrants.Caller caller) {
        return services.storage(caller.plugin());
    }

    private DeploymentMetadata metadata(HostGrants.Caller caller) throws StageException {
        if (caller.deploymentId() == null) {
            throw new StageException("deployment metadata: this call belongs to no deployment");
        }
        return services.metadata(caller.plugin(), caller.deploymentId());
    }

    @GET
    @Path("/storage/{key: .+}")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("key") String key) {
        return serve(authorization, caller -> {
            Optional<String> value = storage(caller).get(key);
            return value.isEmpty() ? error(Response.Status.NOT_FOUND, "plugin storage: no key \"" + key + "\"").build()
                    : Response.ok(json.readTree(value.get()), MediaType.APPLICATION_JSON).build();
        });
    }

    @PUT
    @Path("/storage/{key: .+}")
    public Response put(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("key") String key,
                        String body) {
        return serve(authorization, caller -> {
            storage(caller).put(key, body);
            return Response.noContent().build();
        });
    }

    @DELETE
    @Path("/storage/{key: .+}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("key") String key) {
        return serve(authorization, caller -> storage(caller).delete(key) ? Response.noContent().build()
                : error(Response.Status.NOT_FOUND, "plugin storage: no key \"" + key + "\"").build());
    }

    /** Every key under the prefix, as one JSON object of the values. */
    @GET
    @Path("/storage")
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @QueryParam("prefix") String prefix) {
        return serve(authorization, caller -> {
            ObjectNode found = json.createObjectNode();
            for (Map.Entry<String, String> entry : storage(caller).list(prefix).entrySet()) {
                found.set(entry.getKey(), json.readTree(entry.getValue()));
            }
            return Response.ok(found, MediaType.APPLICATION_JSON).build();
        });
    }

    /**
     * {@code {"expected": …, "value": …}}: a field left out means "absent" (so {@code "expected": null}
     * is the JSON null stored, not a missing key), as in {@link PluginStorage#compareAndSet}.
     */
    @POST
    @Path("/storage/{key: .+}/cas")
    public Response compareAndSet(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @PathParam("key") String key, String body) {
        return serve(authorization, caller -> {
            JsonNode request = json.readTree(body == null ? "" : body);
            if (request == null || !request.isObject()) {
                throw new StageException("plugin storage: the body must be a JSON object {\"expected\": …, \"value\": …}");
            }
            boolean set = storage(caller).compareAndSet(key, field(request, "expected"), field(request, "value"));
            return Response.ok(Map.of("set", set), MediaType.APPLICATION_JSON).build();
        });
    }

    private static String field(JsonNode request, String name) {
        return request.has(name) ? request.get(name).toString() : null;
    }

    @GET
    @Path("/metadata")
    public Response metadata(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return serve(authorization, caller -> Response.ok(metadata(caller).all(), MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/metadata/{key: .+}")
    public Response metadataValue(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @PathParam("key") String key) {
        return serve(authorization, caller -> {
            String value = metadata(caller).all().get(key);
            return value == null ? error(Response.Status.NOT_FOUND, "deployment metadata: no key \"" + key + "\"").build()
                    : Response.ok(value, MediaType.TEXT_PLAIN).build();
        });
    }

    @PUT
    @Path("/metadata/{key: .+}")
    public Response putMetadata(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @PathParam("key") String key, String body) {
        return serve(authorization, caller -> {
            metadata(caller).put(key, body);
            return Response.noContent().build();
        });
    }
}
