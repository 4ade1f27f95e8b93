package dev.slipway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.archive.SourceArchive;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Slipway's public API as a test uses it, plus requests through the proxy. */
final class Api {

    /** One server-sent event. */
    record Event(long id, String type, JsonNode data) {
    }

    record Answer(int status, JsonNode body) {
    }

    /** A finished deployment: its id, its event stream as received, and its final view. */
    record Outcome(String id, List<Event> events, JsonNode deployment) {
        String state() {
            return deployment.get("state").asText();
        }

        List<String> types() {
            return events.stream().map(Event::type).toList();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    private final int proxyPort;

    Api(String base, String token, int proxyPort) {
        this.base = base;
        this.token = token;
        this.proxyPort = proxyPort;
    }

    Answer createApp(String name) throws Exception {
        return send(request("/api/apps").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name)))));
    }

    Answer upload(String app, byte[] archive) throws Exception {
        return send(request("/api/apps/" + app + "/deployments").header("Content-Type", "application/gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive)));
    }

    /** Rolls {@code app} back to {@code release}, or to the release before the current one when null. */
    Answer rollback(String app, Integer release) throws Exception {
        String body = release == null ? "{}" : JSON.writeValueAsString(Map.of("release", release));
        return send(request("/api/apps/" + app + "/rollback").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    /** Asks for a deployment of a git branch or tag ({@code ref} null = the default branch). */
    Answer deployGit(String app, String url, String ref) throws Exception {
        Map<String, String> body = ref == null ? Map.of("git", url) : Map.of("git", url, "ref", ref);
        return send(request("/api/apps/" + app + "/deployments").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** A webhook call as a git host makes it: no API token, its own headers. */
    Answer webhook(String pathAndQuery, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/hooks/" + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** The same with a body of unknown length: sent chunked. */
    Answer webhookChunked(String pathAndQuery, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/hooks/" + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
        headers.forEach(request::header);
        return send(request);
    }

    /** Any method and body, as a client that gets them wrong would send them. */
    Answer send(String path, String method, String contentType, String body) throws Exception {
        return send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer put(String path, Object body) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Answer post(String path, Object body) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** POSTs bytes as they are: a plugin file, a hostile archive. */
    Answer postBytes(String pathAndQuery, String contentType, byte[] body) throws Exception {
        return send(request(pathAndQuery).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Answer get(String path) throws Exception {
        return send(request(path).GET());
    }

    /** Packs {@code dir} as the CLI does, deploys it, and follows the event stream to its end. */
    Outcome deploy(String app, Path dir) throws Exception {
        Answer accepted = upload(app, pack(dir));
        if (accepted.status() != 202) {
            throw new AssertionError("deployment of " + app + " refused: " + accepted);
        }
        String id = accepted.body().get("id").asText();
        List<Event> events = events(id);
        return new Outcome(id, events, get("/api/deployments/" + id).body());
    }

    /** The deployment's whole event stream: returns when the server ends it. */
    List<Event> events(String deploymentId) throws Exception {
        return events(deploymentId, 0);
    }

    /** The deployment's event stream after {@code lastEventId}, as a reconnecting client gets it. */
    List<Event> events(String deploymentId, long lastEventId) throws Exception {
        return stream("/api/deployments/" + deploymentId + "/events", lastEventId);
    }

    /** The texts of the deployment's stage log lines, once it has ended. */
    List<String> logs(String deploymentId) throws Exception {
        return stream("/api/deployments/" + deploymentId + "/logs", 0).stream().map(e -> e.data().get("text").asText())
                .toList();
    }

    /** The stream's events after {@code lastEventId} until the server ends it. */
    List<Event> stream(String path, long lastEventId) throws Exception {
        try (InputStream body = open(path, lastEventId)) {
            return read(body, events -> false);
        }
    }

    /** The stream's events until {@code enough} holds of them; fails if that takes longer than {@code within}. */
    List<Event> streamUntil(String path, Predicate<List<Event>> enough, Duration within) throws Exception {
        InputStream body = open(path, 0);
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return read(body, enough);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(within.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            body.close(); // a live stream ends only when its reader goes
        }
    }

    private InputStream open(String path, long lastEventId) throws Exception {
        HttpRequest.Builder request = request(path)
                .timeout(Duration.ofMinutes(8)).header("Accept", "text/event-stream");
        if (lastEventId > 0) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    private static List<Event> read(InputStream body, Predicate<List<Event>> enough) throws IOException {
        List<Event> events = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        long id = 0;
        String type = null;
        StringBuilder data = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (type != null) {
                    events.add(new Event(id, type, JSON.readTree(data.toString())));
                    if (enough.test(events)) {
                        return events;
                    }
                }
                type = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).strip());
            } else if (line.startsWith("event:")) {
                type = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
        return events;
    }

    /** GET / through Slipway's nginx, as a browser asking for {@code host} would. */
    HttpResponse<String> viaProxy(String host) throws Exception {
        return viaProxy(host, "/");
    }

    /** GET {@code pathAndQuery} through Slipway's nginx for {@code host}. */
    HttpResponse<String> viaProxy(String host, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + pathAndQuery))
                .header("Host", host).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static byte[] pack(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SourceArchive.create(dir, out, SourceArchive.DEFAULT_EXCLUDES);
        return out.toByteArray();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), body.isBlank() ? null : JSON.readTree(body));
    }
}
