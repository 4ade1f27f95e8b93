package dev.slipway.workers.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.workers.plugin.HostAccess;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The host routes over HTTP, as an executable plugin calls them with curl: the worker's own
 * {@link HostAccess}, its HTTP layer (paths, bodies, content types), storage kept in memory.
 */
@QuarkusTest
@TestProfile(HostRoutesTest.InMemory.class)
class HostRoutesTest {

    public static class InMemory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                // The build's own -Dslipway.* switches reach this JVM too: they are not the workers' settings.
                return Map.of("slipway.home", Files.createTempDirectory("host-routes").toString(),
                        "slipway.isolation.mode", "off", "quarkus.http.test-port", "0",
                        "smallrye.config.mapping.validate-unknown", "false");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MemoryTables.class);
        }
    }

    @Inject
    HostAccess access;

    @TestHTTPResource("/host")
    URI host;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String token, String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPluginCallKeepsAndReadsItsOwnThingsOverHttpUntilItEnds() throws Exception {
        String token;
        try (HostAccess.Grant grant = access.open("tally", UUID.randomUUID());
             HostAccess.Grant other = access.open("peeker", UUID.randomUUID())) {
            token = grant.env().get("SLIPWAY_HOST_TOKEN");
            // curl --data sends a form content type: the body is still the value.
            assertEquals(204, call(token, "PUT", "/storage/builds/app", "application/x-www-form-urlencoded", "{\"n\": 1}")
                    .statusCode());
            assertEquals(204, call(token, "PUT", "/storage/a%2Fb", "application/json", "[true]").statusCode());
            HttpResponse<String> got = call(token, "GET", "/storage/builds/app", null, null);
            assertEquals(200, got.statusCode());
            assertEquals("{\"n\":1}", got.body());
            assertEquals("application/json", got.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertEquals("{\"a/b\":[true],\"builds/app\":{\"n\":1}}", call(token, "GET", "/storage", null, null).body());
            assertEquals("{\"builds/app\":{\"n\":1}}", call(token, "GET", "/storage?prefix=builds%2F", null, null).body());
            assertEquals("{\"set\":false}", call(token, "POST", "/storage/builds/app/cas", "application/json",
                    "{\"expected\": {\"n\": 2}, \"value\": 3}").body());
            assertEquals("{\"set\":true}", call(token, "POST", "/storage/builds/app/cas", "application/json",
                    "{\"expected\": {\"n\": 1}, \"value\": 3}").body());
            assertEquals("3", call(token, "GET", "/storage/builds/app", null, null).body());

            HttpResponse<String> bad = call(token, "PUT", "/storage/k", "application/json", "{oops");
            assertEquals(400, bad.statusCode());
            assertEquals(true, bad.body().startsWith("{\"error\":\"plugin storage: the value of \\\"k\\\" is not JSON"),
                    bad.body());

            assertEquals(204, call(token, "PUT", "/metadata/note", "text/plain", "first build").statusCode());
            assertEquals("first build", call(token, "GET", "/metadata/note", null, null).body());
            assertEquals("{\"note\":\"first build\"}", call(token, "GET", "/metadata", null, null).body());

            String others = other.env().get("SLIPWAY_HOST_TOKEN");
            assertEquals("{}", call(others, "GET", "/storage", null, null).body(), "another plugin's token sees none of it");
            assertEquals(404, call(others, "GET", "/storage/builds/app", null, null).statusCode());
            assertEquals("{}", call(others, "GET", "/metadata", null, null).body());
            assertEquals(204, call(token, "DELETE", "/storage/a%2Fb", null, null).statusCode());
            assertEquals(404, call(token, "DELETE", "/storage/a%2Fb", null, null).statusCode());
        }
        HttpResponse<String> after = call(token, "GET", "/storage/builds/app", null, null);
        assertEquals(401, after.statusCode(), "the call ended: its token is void");
        assertEquals("{\"error\":\"a bearer token of a running plugin call is required\"}", after.body());
        assertEquals(401, call(null, "GET", "/storage", null, null).statusCode());
    }
}
