package dev.slipway.orchestrator.api;

import dev.slipway.orchestrator.SlipwayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Every request carries the bearer token, except readiness checks ({@code /q/health}) and push
 * webhooks ({@code /hooks/*}, signed instead). A Vert.x filter rather than a REST filter, because
 * {@code /q/metrics} and {@code /q/openapi} are not REST resources; closed by default, so a route
 * added later is protected without anyone remembering to.
 */
@ApplicationScoped
public class ApiGuard {

    private static final Logger LOG = Logger.getLogger(ApiGuard.class);
    /** Before Quarkus' own routes: the higher, the earlier. */
    private static final int PRIORITY = 1000;
    private static final String REFUSAL = new JsonObject()
            .put("error", "missing or wrong bearer token (Authorization: Bearer <token>)").encode();

    private final Optional<byte[]> expected;

    public ApiGuard(SlipwayConfig config) {
        this.expected = TokenRule.required(config.apiToken(), config.api().allowNoToken())
                .map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
        if (expected.isEmpty()) {
            LOG.warn("the API requires no token (slipway.api.allow-no-token=true): anyone who reaches it can use it");
        }
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    /** Paths anyone may ask for; {@code path} is normalised (no dot segments). */
    static boolean open(String path) {
        return path.equals("/q/health") || path.startsWith("/q/health/") || path.startsWith("/hooks/");
    }

    private void check(RoutingContext request) {
        if (expected.isEmpty() || open(request.normalizedPath()) || authorized(request.request().getHeader("Authorization"))) {
            request.next();
            return;
        }
        request.response().setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("WWW-Authenticate", "Bearer")
                .end(REFUSAL);
    }

    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(expected.get(), header.getBytes(StandardCharsets.UTF_8));
    }
}
