package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The stack's REST API as the bench uses it: JSON calls, uploads, and following a deployment's events. */
final class BenchApi {

    /** One event as the client saw it, when ({@link System#nanoTime()}). */
    record Seen(String type, long at) {
    }

    /** What a followed deployment ended with, when the client saw that, and every event before it. */
    record Ending(String event, long seenAt, List<Seen> events) {
        boolean succeeded() {
            return "DeploymentSucceeded".equals(event);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;

    BenchApi(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    JsonNode get(String path) throws IOException {
        return call(request(path).GET(), 200);
    }

    /** A Prometheus gauge of the orchestrator's, from {@code /q/metrics}. */
    double gauge(String name) throws IOException {
        HttpResponse<String> answer = send(request("/q/metrics").GET());
        for (String line : answer.body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IOException("no gauge " + name + " in /q/metrics (" + answer.statusCode() + ")");
    }

    /** A request to the API with the token, for callers that read the answer their own way. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    /** Creates the app, or finds it already there. */
    void createApp(String name) throws IOException {
        HttpResponse<String> answer = send(request("/api/apps").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name)))));
        if (answer.statusCode() != 201 && answer.statusCode() != 409) {
            throw new IOException("POST /api/apps " + name + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    /** Uploads a source archive; the new deployment's id once it is accepted (202). */
    String deploy(String app, byte[] archive) throws IOException {
        return call(request("/api/apps/" + app + "/deployments").header("Content-Type", "application/gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive)), 202).get("id").asText();
    }

    /** Installs a plugin jar through {@code POST /api/plugins}, the normal install path. */
    JsonNode installJar(String fileName, byte[] jar) throws IOException {
        return call(request("/api/plugins?kind=jar&file=" + fileName).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)), 201);
    }

    /** Reads the deployment's event stream until its terminal event; fails if the stream ends without one. */
    Ending follow(String deploymentId) throws IOException {
        HttpResponse<InputStream> stream;
        try {
            stream = http.send(request("/api/deployments/" + deploymentId + "/events").timeout(Duration.ofMinutes(10))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        List<Seen> seen = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    String type = line.substring(6).strip();
                    seen.add(new Seen(type, System.nanoTime()));
                    if (type.equals("DeploymentSucceeded") || type.equals("DeploymentFailed")) {
                        return new Ending(type, seen.get(seen.size() - 1).at(), List.copyOf(seen));
                    }
                }
            }
        }
        throw new IOException("the event stream of deployment " + deploymentId + " ended without a terminal event");
    }

    private JsonNode call(HttpRequest.Builder request, int expected) throws IOException {
        HttpResponse<String> answer = send(request);
        if (answer.statusCode() != expected) {
            throw new IOException(answer.request().method() + " " + answer.request().uri().getPath() + ": "
                    + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
