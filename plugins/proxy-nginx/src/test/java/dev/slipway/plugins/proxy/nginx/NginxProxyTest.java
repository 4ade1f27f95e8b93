package dev.slipway.plugins.proxy.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.ProxyContext;
import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real nginx, in a temporary prefix on a free port, through one app's life. */
@TestMethodOrder(OrderAnnotation.class)
class NginxProxyTest {

    record Context(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                   Map<String, String> config, List<String> domains) implements ProxyContext {
    }

    static final List<String> DOMAINS = List.of("demo.slipway.test", "www.demo.test");

    @TempDir
    static Path prefix;
    @TempDir
    static Path site;
    static int port;
    static HttpServer upstream;
    static Map<String, String> config;

    private final NginxProxy proxy = new NginxProxy();

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // Workers run as this user, so they can read the temporary (mode 700) directories.
        config = Map.of("prefix", prefix.toString(), "listen-port", Integer.toString(port),
                "listen-address", "127.0.0.1", "user", System.getProperty("user.name"));
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = ("upstream saw Host " + exchange.getRequestHeaders().getFirst("Host")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        Files.writeString(site.resolve("index.html"), "<h1>static release</h1>");
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.stop(0);
        if (Files.exists(prefix.resolve("nginx.pid"))) {
            long pid = Long.parseLong(Files.readString(prefix.resolve("nginx.pid")).strip());
            new Nginx(NginxSettings.from(config), context(config)).quit();
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        }
    }

    @Test
    @Order(1)
    void routesDomainsToAnUpstreamRelease() throws Exception {
        assertEquals("nginx", ServiceLoader.load(ProxyStrategy.class).findFirst().orElseThrow().name());
        proxy.configure(DeploymentInfo.upstream("demo", "release-1", "process", "127.0.0.1",
                upstream.getAddress().getPort(), Map.of()), context(config));

        String answer = get("demo.slipway.test");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("\r\nX-Slipway-Release: release-1\r\n"), answer);
        assertTrue(answer.endsWith("upstream saw Host demo.slipway.test"), answer);
        assertTrue(get("www.demo.test").endsWith("upstream saw Host www.demo.test"));
        assertTrue(get("other.test").startsWith("HTTP/1.1 404"), "unknown hosts get the default server");
    }

    @Test
    @Order(2)
    void aSecondConfigureSwitchesToAStaticRelease() throws Exception {
        proxy.configure(DeploymentInfo.staticFiles("demo", "release-2", "static", site, Map.of()), context(config));

        String answer = get("demo.slipway.test");
        assertTrue(answer.contains("\r\nX-Slipway-Release: release-2\r\n"), answer);
        assertTrue(answer.endsWith("<h1>static release</h1>"), answer);
        assertTrue(Files.readString(prefix.resolve("conf.d/demo.conf.previous")).contains("release-1"),
                "the previous file is kept");
    }

    @Test
    @Order(3)
    void aConfigurationNginxRefusesLeavesThePreviousRoutingServing() throws Exception {
        Map<String, String> bad = new HashMap<>(config);
        bad.put("listen-address", "999.1.1.1");

        StageException e = assertThrows(StageException.class, () -> proxy.configure(
                DeploymentInfo.staticFiles("demo", "release-3", "static", site, Map.of()), context(bad)));

        assertTrue(e.getMessage().contains("the previous configuration was put back"), e.getMessage());
        assertTrue(e.getMessage().contains("999.1.1.1"), "nginx's own words: " + e.getMessage());
        assertTrue(Files.readString(prefix.resolve("conf.d/demo.conf")).contains("release-2"));
        assertFalse(Files.readString(prefix.resolve("nginx.conf")).contains("999.1.1.1"));
        String answer = get("demo.slipway.test");
        assertTrue(answer.contains("\r\nX-Slipway-Release: release-2\r\n"), answer);
    }

    @Test
    @Order(4)
    void valuesThatCouldInjectDirectivesAreRefused() throws Exception {
        DeploymentInfo release = DeploymentInfo.staticFiles("demo", "release-4", "static", site, Map.of());
        StageException domain = assertThrows(StageException.class, () -> proxy.configure(release,
                new Context("demo", UUID.randomUUID(), prefix, System.getenv(), StageLog.discard(), config,
                        List.of("evil.test; return 200 hacked"))));
        assertTrue(domain.getMessage().contains("is not a lower-case host name"), domain.getMessage());

        DeploymentInfo badRoot = DeploymentInfo.staticFiles("demo", "release-4", "static", Path.of("/srv/x;{"), Map.of());
        StageException root = assertThrows(StageException.class, () -> proxy.configure(badRoot, context(config)));
        assertTrue(root.getMessage().contains("cannot be put into an nginx configuration safely"), root.getMessage());
        assertTrue(get("demo.slipway.test").contains("X-Slipway-Release: release-2"), "nothing changed");
    }

    @Test
    @Order(5)
    void removeTakesTheAppsRoutesAway() throws Exception {
        proxy.remove("demo", context(config));

        assertFalse(Files.exists(prefix.resolve("conf.d/demo.conf")));
        String answer = awaitNoRelease("demo.slipway.test");
        assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
        proxy.remove("demo", context(config)); // nothing left: not an error
    }

    @Test
    @Order(6)
    void aReleaseOfSeveralWebProcessesIsBalancedOverAllOfThem() throws Exception {
        HttpServer second = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        second.createContext("/", exchange -> {
            byte[] body = "second web process".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        second.start();
        try {
            proxy.configure(DeploymentInfo.upstreams("demo", "release-6", "process", List.of(
                    new DeploymentInfo.Upstream("127.0.0.1", upstream.getAddress().getPort()),
                    new DeploymentInfo.Upstream("127.0.0.1", second.getAddress().getPort())), Map.of()), context(config));

            java.util.Set<String> answers = new java.util.HashSet<>();
            for (int i = 0; i < 4; i++) {
                String answer = get("demo.slipway.test");
                answers.add(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            }
            assertEquals(java.util.Set.of("upstream saw Host demo.slipway.test", "second web process"), answers);
            assertTrue(Files.readString(prefix.resolve("conf.d/demo.conf")).contains("upstream slipway-demo-release-6 {"));
        } finally {
            second.stop(0);
            proxy.remove("demo", context(config));
        }
    }

    @Test
    void urlsNameThePortUnlessItIs80() throws Exception {
        assertEquals(List.of("http://a.example.com:8080/", "http://b.example.com:8080/"),
                proxy.urls(new Context("demo", UUID.randomUUID(), prefix, Map.of(), line -> { }, Map.of(),
                        List.of("a.example.com", "b.example.com"))));
        assertEquals(List.of("http://a.example.com/"), proxy.urls(new Context("demo", UUID.randomUUID(), prefix,
                Map.of(), line -> { }, Map.of("listen-port", "80"), List.of("a.example.com"))));
    }

    private static Context context(Map<String, String> settings) {
        return new Context("demo", UUID.randomUUID(), prefix, System.getenv(), line -> System.out.println("  | " + line),
                settings, DOMAINS);
    }

    /** A whole response, as nginx sends it to a browser asking for {@code host}. */
    private static String get(String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Old workers finish their requests after a reload: wait until the new configuration answers. */
    private static String awaitNoRelease(String host) throws Exception {
        String answer = get(host);
        for (int i = 0; i < 50 && answer.contains("X-Slipway-Release"); i++) {
            Thread.sleep(100);
            answer = get(host);
        }
        return answer;
    }
}
