package dev.slipway.orchestrator.api;

import jakarta.ws.rs.core.Response;

/** An answer to a request that could not be served, with a message for the user. */
public class ApiException extends RuntimeException {

    private final Response.Status status;

    public ApiException(Response.Status status, String message) {
        super(message);
        this.status = status;
    }

    public Response.Status status() {
        return status;
    }

    public static ApiException notFound(String what) {
        return new ApiException(Response.Status.NOT_FOUND, what + " does not exist");
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, message);
    }
}
