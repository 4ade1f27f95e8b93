package dev.slipway.plugins.proxy.caddy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Caddy's admin API over its Unix socket: one HTTP/1.1 request per connection. java.net.http speaks
 * TCP only, and the socket is the point (see {@link CaddySettings#adminSocket()}). Caddy allows an
 * empty {@code Host} on a socket and refuses any other.
 */
final class CaddyAdmin {

    /** Larger answers are cut: an error message is all this reads. */
    private static final int MAX_ANSWER = 64 * 1024;
    /** A Caddy that does not answer a question in this time is taken as not answering at all. */
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
    /** Loading provisions every app's route: longer, but not for ever. */
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Path socket;

    CaddyAdmin(Path socket) {
        this.socket = socket;
    }

    /** Whether a Caddy answers on the socket. */
    boolean answers() {
        try {
            return request("GET", "/config/", null, ASK_TIMEOUT).ok();
        } catch (IOException e) {
            return false;
        }
    }

    /** Replaces Caddy's whole configuration; Caddy applies it entirely or, when it refuses, keeps the old one. */
    Answer load(String json) throws IOException {
        return request("POST", "/load", json, LOAD_TIMEOUT);
    }

    /** One request; past {@code timeout} the channel is closed under it, which ends any blocked call. */
    private Answer request(String method, String path, String body, Duration timeout) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: \r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + content.length + "\r\n\r\n";
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing is all it does
                }
            }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
            try {
                return exchange(channel, head, content);
            } catch (ClosedChannelException e) {
                throw new IOException("Caddy's admin API did not answer " + method + " " + path + " within "
                        + timeout.toSeconds() + " s", e);
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    private Answer exchange(SocketChannel channel, String head, byte[] content) throws IOException {
        channel.connect(UnixDomainSocketAddress.of(socket));
        ByteBuffer out = ByteBuffer.allocate(head.length() + content.length);
        out.put(head.getBytes(StandardCharsets.US_ASCII)).put(content).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        var in = Channels.newInputStream(channel);
        for (int n; answer.size() < MAX_ANSWER && (n = in.read(buffer)) > 0; ) {
            answer.write(buffer, 0, n);
        }
        return parse(answer.toString(StandardCharsets.UTF_8));
    }

    /** The status and the body (de-chunked when Caddy sent it in chunks). */
    static Answer parse(String text) throws IOException {
        int end = text.indexOf("\r\n\r\n");
        String[] status = text.substring(0, Math.max(end, 0)).split(" ", 3);
        if (end < 0 || status.length < 2 || !status[1].matches("\\d{3}")) {
            throw new IOException("Caddy's admin API gave no HTTP answer: \"" + text.lines().findFirst().orElse("") + "\"");
        }
        String headers = text.substring(0, end).toLowerCase();
        String body = text.substring(end + 4);
        if (headers.contains("\r\ntransfer-encoding: chunked")) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            while (at < body.length()) {
                int line = body.indexOf("\r\n", at);
                if (line < 0) {
                    break;
                }
                int size;
                try {
                    size = Integer.parseInt(body.substring(at, line).split(";")[0].strip(), 16);
                } catch (NumberFormatException e) {
                    return new Answer(Integer.parseInt(status[1]), body.strip());
                }
                if (size == 0) {
                    break;
                }
                joined.append(body, line + 2, Math.min(body.length(), line + 2 + size));
                at = line + 2 + size + 2;
            }
            body = joined.toString();
        }
        return new Answer(Integer.parseInt(status[1]), body.strip());
    }
}
