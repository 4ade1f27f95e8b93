package dev.slipway.plugins.deploy.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One look at a starting web process: does it answer yet? */
final class HealthProbe {

    private static final Duration ATTEMPT = Duration.ofSeconds(2);

    private final int port;
    private final String path;
    private final HttpClient http;

    /** @param path HTTP path that must answer 2xx or 3xx; {@code null} = a TCP connect is enough */
    HealthProbe(int port, String path) {
        this.port = port;
        this.path = path;
        this.http = path == null ? null : HttpClient.newBuilder().connectTimeout(ATTEMPT)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** {@code null} when healthy, else what was seen, for the failure message. */
    String problem() {
        if (path == null) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) ATTEMPT.toMillis());
                return null;
            } catch (IOException e) {
                return "nothing answered on port " + port;
            }
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(ATTEMPT).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 400 ? null : "GET " + path + " on port " + port + " answered " + status;
        } catch (IOException e) {
            return "GET " + path + " on port " + port + " got no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
