package dev.slipway.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/** Slipway example: answers on $PORT with a greeting and the version read from ./VERSION. */
public final class Hello {

    private static final String NAME = "java-hello";

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "5000"));
        String host = System.getenv().getOrDefault("HOST", "0.0.0.0");
        String version = version();
        byte[] page = ("<!doctype html>\n<html lang=\"en\">\n"
                + "<head><meta charset=\"utf-8\"><title>Hello from " + NAME + "</title></head>\n"
                + "<body>\n  <h1>Hello from " + NAME + "</h1>\n"
                + "  <p class=\"version\">Version: " + escape(version) + "</p>\n"
                + "  <p>Java " + escape(System.getProperty("java.version")) + ", pid " + ProcessHandle.current().pid() + "</p>\n"
                + "</body>\n</html>\n").getBytes(StandardCharsets.UTF_8);

        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/healthz")) {
                reply(exchange, 200, "text/plain", "ok\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/")) {
                reply(exchange, 200, "text/html; charset=utf-8", page);
            } else {
                reply(exchange, 404, "text/html; charset=utf-8",
                        ("<p>Not found: " + escape(path) + "</p>\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(NAME + ": stopping");
            server.stop(1);
        }));
        server.start();
        System.out.println(NAME + " " + version + " listening on " + host + ":" + port);
    }

    /** ./VERSION of the working directory if there is one, else the copy packed into the jar. */
    private static String version() throws IOException {
        Path file = Path.of("VERSION");
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        try (InputStream in = Hello.class.getResourceAsStream("/VERSION")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
