package dev.slipway.plugins.proxy.caddy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.ReleaseProbe;
import dev.slipway.api.StageException;
import dev.slipway.api.testkit.FakeStageContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real Caddy, in a temporary state directory on a free port, through one app's life. */
@TestMethodOrder(OrderAnnotation.class)
class CaddyProxyTest {

    static final List<String> DOMAINS = List.of("demo.slipway.test", "www.demo.test");

    @TempDir
    static Path state;
    @TempDir
    static Path site;
    @TempDir
    static Path work;
    static Map<String, String> settings;
    static int port;
    static HttpServer one;
    static HttpServer two;

    private final CaddyProxy proxy = new CaddyProxy();

    @BeforeAll
    static void start() throws IOException {
        settings = CaddyProcess.settings(state);
        port = Integer.parseInt(settings.get("listen-port"));
        one = upstream("one");
        two = upstream("two");
    }

    @AfterAll
    static void stop() throws IOException {
        one.stop(0);
        two.stop(0);
        CaddyProcess.stop(state);
    }

    @Test
    @Order(1)
    void aStaticReleaseIsServedForEveryDomainWithItsIdAndTheAdminSocketIsSlipwaysAlone() throws Exception {
        Files.writeString(site.resolve("index.html"), "<h1>static</h1>");
        proxy.configure(DeploymentInfo.staticFiles("demo", "s1", "static", site, Map.of()), context());

        for (String domain : DOMAINS) {
            String answer = get(domain, "/");
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.contains("<h1>static</h1>"), answer);
            assertEquals("s1", ReleaseProbe.releaseServing("127.0.0.1", port, domain));
        }
        assertTrue(get("other.slipway.test", "/").startsWith("HTTP/1.1 404"), "an unknown host is not served");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        assertTrue(Files.exists(state.resolve("admin.sock")), "the admin API is a socket in the state directory");
    }

    /**
     * Caddy 2.6 (Debian 12's) cancels the requests in flight on the configuration it replaces: its
     * servers' request contexts end with it (upstream, the grace period's context is cancelled as soon as
     * the reload returns). So a switch is not free of failed requests through Caddy as it is through
     * nginx; what this proves is that nothing else fails: every failed request is one Caddy logged as
     * cancelled, and requests sent between switches are all answered. docs/README.md gives the figures.
     */
    @Test
    @Order(2)
    void switchingBetweenProcessReleasesFailsOnlyTheRequestsCaddyCancelsAndTheAppCannotForgeTheReleaseHeader()
            throws Exception {
        proxy.configure(release("p1", one), context());
        assertEquals("p1", ReleaseProbe.releaseServing("127.0.0.1", port, DOMAINS.get(0)),
                "the proxy's header, not the one the app sent");

        AtomicBoolean running = new AtomicBoolean(true);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger asked = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread client = new Thread(() -> {
            while (running.get()) {
                asked.incrementAndGet();
                String seen = ReleaseProbe.releaseServing("127.0.0.1", port, DOMAINS.get(0));
                if (seen.equals("p1") || seen.equals("p2")) {
                    answered.add(seen);
                } else {
                    failures.add(seen);
                }
            }
        });
        client.start();
        int switches = 6;
        for (int i = 0; i < switches; i++) {
            proxy.configure(i % 2 == 0 ? release("p2", two) : release("p1", one), context());
            Thread.sleep(200);
        }
        running.set(false);
        client.join();

        assertEquals(Set.of("p1", "p2"), answered, "the client asked while both releases served");
        // One client asking without pause has a request in flight, or one just accepted, when a configuration is replaced.
        assertTrue(failures.size() <= 2 * switches, () -> failures.size() + " of " + asked.get() + " requests failed: "
                + failures + "\n" + errors());
        System.out.println("caddy switch: " + failures.size() + " of " + asked.get() + " requests failed across "
                + switches + " switches");
        for (int i = 0; i < 20; i++) {
            assertEquals("p1", ReleaseProbe.releaseServing("127.0.0.1", port, DOMAINS.get(0)), "between switches");
        }
        assertTrue(get(DOMAINS.get(0), "/").contains("hello from one"));
    }

    @Test
    @Order(3)
    void aReleaseCaddyCannotReachIsRefusedAndThePreviousOneKeepsServing() throws Exception {
        FakeStageContext context = context();
        StageException e = assertThrows(StageException.class, () -> proxy.configure(DeploymentInfo.upstream("demo",
                "bad", "process", "127.0.0.1", 1, Map.of()), context));

        assertTrue(e.getMessage().contains("did not serve release bad"), e.getMessage());
        assertTrue(e.getMessage().contains("the previous configuration was put back"), e.getMessage());
        assertEquals("p1", ReleaseProbe.releaseServing("127.0.0.1", port, DOMAINS.get(0)));
    }

    @Test
    @Order(4)
    void aConfigurationCaddyRefusesLeavesEverythingAsItWas() throws Exception {
        // A listen address Caddy cannot bind: the whole load is refused, the running config stays.
        Map<String, String> wrong = new java.util.HashMap<>(settings);
        wrong.put("listen-address", "192.0.2.1");
        FakeStageContext context = FakeStageContext.in(work).app("demo").domains(DOMAINS).config(wrong);
        StageException e = assertThrows(StageException.class,
                () -> proxy.configure(release("p2", two), context));

        assertTrue(e.getMessage().contains("Caddy refused the configuration for app demo"), e.getMessage());
        assertEquals("p1", ReleaseProbe.releaseServing("127.0.0.1", port, DOMAINS.get(0)));
        assertTrue(Files.readString(state.resolve("routes/demo.json")).contains("\"p1\""), "the previous route is back");
    }

    @Test
    @Order(5)
    void aStaticRootCaddyWouldExpandAndABrokenRouteFileOfAnotherAppAreNotLoaded() throws Exception {
        StageException e = assertThrows(StageException.class, () -> proxy.configure(DeploymentInfo.staticFiles("demo",
                "s9", "static", site.resolve("{http.request.header.X-Root}"), Map.of()), context()));
        assertTrue(e.getMessage().contains("has characters Caddy would expand"), e.getMessage());

        Files.writeString(state.resolve("routes/zz-broken.json"), "");
        proxy.configure(release("p1", one), context());

        assertEquals("p1", ReleaseProbe.releaseServing("127.0.0.1", port, DOMAINS.get(0)));
        assertTrue(Files.exists(state.resolve("routes/zz-broken.json.broken")), "set aside, not loaded");
    }

    @Test
    @Order(6)
    void removingTheAppStopsServingIt() throws Exception {
        proxy.remove("demo", context());

        assertTrue(get(DOMAINS.get(0), "/").startsWith("HTTP/1.1 404"));
        assertFalse(Files.exists(state.resolve("routes/demo.json")));
    }

    @Test
    @Order(8)
    void aCaddyThatDoesNotAnswerItsSocketIsNotWaitedOnForEver() throws Exception {
        CaddyProcess.stop(state);
        Files.deleteIfExists(state.resolve("admin.sock"));
        // Something that takes the connection and never answers, as a hung Caddy would.
        try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            hung.bind(UnixDomainSocketAddress.of(state.resolve("admin.sock")));
            Thread taker = new Thread(() -> {
                try {
                    while (true) {
                        hung.accept();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            taker.setDaemon(true);
            taker.start();

            long started = System.nanoTime();
            proxy.configure(release("p2", two), context());

            assertTrue(System.nanoTime() - started < java.time.Duration.ofSeconds(30).toNanos());
            assertEquals("p2", ReleaseProbe.releaseServing("127.0.0.1", port, DOMAINS.get(0)));
        }
    }

    @Test
    @Order(7)
    void aKilledCaddyIsStartedAgainWithEveryRoute() throws Exception {
        proxy.configure(DeploymentInfo.upstream("kept", "k1", "process", "127.0.0.1", one.getAddress().getPort(), Map.of()),
                context().app("kept").domains(List.of("kept.slipway.test")));
        CaddyProcess.stop(state);

        proxy.configure(release("p2", two), context());

        assertEquals("p2", ReleaseProbe.releaseServing("127.0.0.1", port, DOMAINS.get(0)));
        assertEquals("k1", ReleaseProbe.releaseServing("127.0.0.1", port, "kept.slipway.test"));
    }

    private static String errors() {
        try {
            return String.join("\n", Files.readAllLines(state.resolve("logs/caddy.log")).stream()
                    .filter(l -> l.contains("\"error\"")).toList());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static FakeStageContext context() throws Exception {
        return FakeStageContext.in(work).app("demo").domains(DOMAINS).config(settings)
                .env("PATH", System.getenv("PATH"));
    }

    private static DeploymentInfo release(String id, HttpServer server) {
        return DeploymentInfo.upstream("demo", id, "process", "127.0.0.1", server.getAddress().getPort(), Map.of());
    }

    /** An app that also sends a release header of its own, which the proxy must replace. */
    private static HttpServer upstream(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("hello from " + name).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add(ReleaseProbe.RELEASE_HEADER, "forged");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static String get(String host, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
