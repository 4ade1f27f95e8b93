package dev.slipway.orchestrator.webhook;

import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.api.ApiErrors;
import dev.slipway.orchestrator.Refused;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Webhook bodies are small: {@code slipway.webhooks.max-bytes} (1 MiB) at most, far below the
 * upload limit that applies to the rest of the API. A declared length beyond it is refused before
 * anything is read; a chunked body is counted while it is read and refused once past it.
 */
public class WebhookBody {

    private final long max;

    public WebhookBody(SlipwayConfig config) {
        this.max = config.webhooks().maxBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public Response declaredLength(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/hooks/")) {
            return null;
        }
        String length = request.getHeaderString("Content-Length");
        try {
            if (length != null && Long.parseLong(length.strip()) > max) {
                return ApiErrors.error(Response.Status.REQUEST_ENTITY_TOO_LARGE, tooLarge(max));
            }
        } catch (NumberFormatException e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "Content-Length \"" + length + "\" is not a number");
        }
        return null;
    }

    /** The body, read to its end but never past {@code max} bytes. Blocking. */
    static byte[] read(InputStream in, long max) {
        try {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw Refused.tooLarge(tooLarge(max));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook body: " + e.getMessage(), e);
        }
    }

    static String tooLarge(long max) {
        return "a webhook body is at most " + max + " bytes (slipway.webhooks.max-bytes)";
    }
}
