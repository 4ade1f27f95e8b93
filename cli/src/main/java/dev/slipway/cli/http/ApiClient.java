package dev.slipway.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.Config;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The Slipway REST API over {@code java.net.http}: JSON calls, an upload, and event streams. */
public final class ApiClient {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Config config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ApiClient(Config config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public ObjectMapper json() {
        return json;
    }

    public JsonNode get(String path) throws IOException, ApiException {
        return call(request(path).timeout(CALL_TIMEOUT).GET().build());
    }

    public JsonNode postJson(String path, Object body) throws IOException, ApiException {
        return call(request(path).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build());
    }

    public JsonNode putJson(String path, Object body) throws IOException, ApiException {
        return call(request(path).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build());
    }

    public JsonNode patchJson(String path, Object body) throws IOException, ApiException {
        return call(request(path).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build());
    }

    public JsonNode delete(String path) throws IOException, ApiException {
        return call(request(path).timeout(CALL_TIMEOUT).DELETE().build());
    }

    /** POSTs a file as the body; no timeout, as an upload may be large and the line slow. */
    public JsonNode postFile(String path, Path file, String contentType) throws IOException, ApiException {
        BodyPublisher body = BodyPublishers.ofFile(file);
        return call(request(path).header("Content-Type", contentType).POST(body).build());
    }

    /**
     * Opens a {@code text/event-stream}, resuming after {@code lastEventId} when not null. The
     * caller closes the returned lines, which closes the connection.
     */
    public Stream<String> openEventStream(String path, String lastEventId) throws IOException, ApiException {
        HttpRequest.Builder request = request(path).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = send(request.build(), BodyHandlers.ofLines());
        if (response.statusCode() / 100 != 2) {
            String body;
            try (Stream<String> lines = response.body()) {
                body = lines.collect(Collectors.joining("\n"));
            }
            throw error(response.request(), response.statusCode(), body);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.url() + path));
        if (config.token() != null) {
            builder.header("Authorization", "Bearer " + config.token());
        }
        return builder;
    }

    private JsonNode call(HttpRequest request) throws IOException, ApiException {
        HttpResponse<String> response = send(request, BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw error(request, response.statusCode(), response.body());
        }
        String body = response.body();
        return body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new UnreachableException("cannot connect to Slipway at " + config.url()
                    + "; is it running? (SLIPWAY_URL says where it is)", e);
        } catch (HttpTimeoutException e) {
            throw new UnreachableException("Slipway at " + config.url() + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " in time", e);
        } catch (IOException e) {
            throw new UnreachableException("the connection to Slipway at " + config.url() + " failed during "
                    + request.method() + " " + request.uri().getPath() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private ApiException error(HttpRequest request, int status, String body) {
        String message = null;
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node != null && node.hasNonNull("error")) {
                message = node.get("error").asText();
            }
        } catch (IOException notJson) {
            // fall through to the generic message
        }
        if (message == null) {
            message = "HTTP " + status + " from " + request.method() + " " + request.uri().getPath();
        }
        if (status == 401 && config.token() == null) {
            message += " (set SLIPWAY_TOKEN to your API token)";
        }
        return new ApiException(status, message);
    }
}
