package dev.slipway.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a proxy, as a browser would, which release answers for a domain: proxies send
 * {@link #RELEASE_HEADER} with the release they route to, so a change can be verified from outside
 * before it counts as done. A raw HTTP/1.1 request, because java.net.http refuses to set the Host header.
 */
public final class ReleaseProbe {

    /** The response header a proxy strategy adds: the id of the release that answered. */
    public static final String RELEASE_HEADER = "X-Slipway-Release";

    private ReleaseProbe() {
    }

    /** Where to reach a proxy from this host: its listen address, or loopback when it listens on all of them. */
    public static String probeHost(String listenAddress) {
        return switch (listenAddress) {
            case "0.0.0.0", "*" -> "127.0.0.1";
            case "[::]" -> "::1";
            default -> listenAddress.replace("[", "").replace("]", "");
        };
    }

    /**
     * Asks until the proxy at {@code host:port} answers for {@code domain} with {@code releaseId}, for
     * at most {@code timeout}: empty once it does, else the last answer seen.
     */
    public static Optional<String> awaitRelease(String host, int port, String domain, String releaseId,
                                                Duration timeout) throws StageException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen;
        do {
            seen = releaseServing(host, port, domain);
            if (seen.equals(releaseId)) {
                return Optional.empty();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StageException("interrupted while waiting for the proxy to serve release " + releaseId, e);
            }
        } while (System.nanoTime() < deadline);
        return Optional.of(seen);
    }

    /** The value of the release header the proxy at {@code host:port} sends for {@code domain}, or what went wrong. */
    public static String releaseServing(String host, int port, String domain) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + domain + "\r\nUser-Agent: slipway-proxy-check\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = head(new BufferedInputStream(socket.getInputStream()));
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(RELEASE_HEADER)) {
                    return line.substring(colon + 1).trim();
                }
            }
            String status = head.lines().findFirst().orElse("no answer");
            return "(no " + RELEASE_HEADER + " header; " + status + ")";
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    /** The status line and headers, up to the blank line. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while (head.length() < 65_536 && (c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}
