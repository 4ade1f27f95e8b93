package dev.slipway.orchestrator.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.slipway.api.config.Names;
import dev.slipway.orchestrator.Refused;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API is {@code {"error": "..."}}. (The bearer token is checked by {@link ApiGuard}.) */
public class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    public static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }

    @ServerExceptionMapper
    public Response refused(Refused e) {
        return answer(e);
    }

    /** The one place where a refusal of the domain becomes an HTTP status. */
    public static Response answer(Refused e) {
        Response.Status status = switch (e.kind()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case UNAUTHENTICATED -> Response.Status.UNAUTHORIZED;
            case FORBIDDEN -> Response.Status.FORBIDDEN;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
            case TOO_LARGE -> Response.Status.REQUEST_ENTITY_TOO_LARGE;
            case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
        };
        return error(status, e.getMessage());
    }

    /**
     * A body that is not JSON, or not the JSON expected. The Jackson types are listed one by one:
     * Quarkus has built-in mappers for some of them, which would win over a mapper of their supertype.
     */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, ValueInstantiationException.class})
    public Response badJson(JsonProcessingException e) {
        return error(Response.Status.BAD_REQUEST, "request body is not the JSON expected: "
                + Names.printable(String.valueOf(e.getOriginalMessage())));
    }

    /** What JAX-RS answers by itself (no such path, method or media type), in the API's shape. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return badJson(json);
            }
        }
        int code = e.getResponse().getStatus();
        Response.Status status = Response.Status.fromStatusCode(code);
        String path = Names.printable(uri.getPath());
        String message = switch (code) {
            case 404 -> "nothing is at " + path + " (the API is under /api, see /q/openapi)";
            case 405 -> path + " does not answer this method" + (e.getResponse().getAllowedMethods().isEmpty() ? ""
                    : "; allowed: " + String.join(", ", e.getResponse().getAllowedMethods().stream().sorted().toList()));
            case 415 -> path + " does not accept Content-Type \""
                    + Names.printable(String.valueOf(headers.getHeaderString("Content-Type"))) + "\"";
            case 406 -> path + " cannot answer in \"" + Names.printable(String.valueOf(headers.getHeaderString("Accept"))) + "\"";
            default -> e.getMessage();
        };
        return error(status == null ? Response.Status.BAD_REQUEST : status, message);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("request failed", e);
        return error(Response.Status.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName()
                + " (details are in the orchestrator's log)");
    }
}
