package dev.slipway.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole of Slipway, started once for all end-to-end tests with the same {@code bin/slipway}
 * a user runs: Kafka and PostgreSQL from their real distributions, the orchestrator and workers
 * from their packaged jars, nginx by the proxy worker. Stopped when the test run ends.
 */
public final class SlipwayStack implements BeforeAllCallback {

    static final Path REPO = Path.of(System.getProperty("slipway.repo", "..")).toAbsolutePath().normalize();
    /** Added to every port, so stacks of several checkouts can run side by side ({@code -Dslipway.e2e.offset=100}). */
    static final int OFFSET = Integer.getInteger("slipway.e2e.offset", 0);
    /** A secret setting of shell-tally (ExecutablePluginServicesIT), which it prints: masked in every log. */
    static final String SHELL_TALLY_TOKEN = "tally-token-58d2e0";
    static final Path HOME = Path.of(OFFSET == 0 ? "/tmp/slipway-e2e" : "/tmp/slipway-e2e-" + OFFSET);
    static final int API_PORT = 37070 + OFFSET;
    static final int PROXY_PORT = 38080 + OFFSET;
    static final int KAFKA_PORT = 39092 + OFFSET;
    static final int PG_PORT = 35433 + OFFSET;
    static final int WORKER_PORT = 37071 + OFFSET;
    /** Small, so a test can exceed it cheaply. */
    static final long UPLOAD_LIMIT = 5 * 1024 * 1024;
    static final Duration BUILD_TIMEOUT = Duration.ofSeconds(45);
    /** How long one hook command may run (the command hook's {@code timeout}). */
    static final Duration HOOK_TIMEOUT = Duration.ofSeconds(20);

    static final String WEBHOOK_SECRET = "e2e-webhook-secret";
    /** Small, so a test can exceed it cheaply. */
    static final long WEBHOOK_LIMIT = 64 * 1024;
    /** Releases whose files retention keeps; few, so a test can pass it, enough for the rollback tests. */
    static final int KEPT_RELEASES = 3;
    /** Small, so a test can exceed it cheaply; the examples' repositories are far smaller. */
    static final long GIT_LIMIT = 2 * 1024 * 1024;
    /** What one plugin may keep: small, so a test can exceed it cheaply. */
    static final long STORAGE_QUOTA = 8192;

    /** Crashes of a process within the window after which its release is crashed (SupervisionIT). */
    static final int CRASH_LIMIT = 3;

    /** Small, so a test can exceed it cheaply; the example plugin is far smaller. */
    static final long PLUGIN_LIMIT = 1024 * 1024;

    private static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("SLIPWAY_HOME", HOME.toString()),
            Map.entry("SLIPWAY_KAFKA_PORT", Integer.toString(KAFKA_PORT)),
            Map.entry("SLIPWAY_PG_PORT", Integer.toString(PG_PORT)),
            Map.entry("SLIPWAY_API_PORT", Integer.toString(API_PORT)),
            Map.entry("SLIPWAY_WORKER_PORT", Integer.toString(WORKER_PORT)),
            Map.entry("SLIPWAY_PROXY_PORT", Integer.toString(PROXY_PORT)),
            // Apps' ports too, or two stacks' releases race for the same free port.
            Map.entry("SLIPWAY_PLUGINS_PROCESS_PORT_RANGE", (20000 + OFFSET * 10) + "-" + (20999 + OFFSET * 10)),
            Map.entry("SLIPWAY_UPLOAD_MAX_BYTES", Long.toString(UPLOAD_LIMIT)),
            // Few, so a release that keeps crashing gives up within seconds (back-off 1 s, then 2 s).
            Map.entry("SLIPWAY_PLUGINS_PROCESS_CRASH_LIMIT", Integer.toString(CRASH_LIMIT)),
            // Short, so a test can outwait it; still longer than any example's build.
            Map.entry("SLIPWAY_STAGES_BUILD_TIMEOUT", BUILD_TIMEOUT.toSeconds() + "s"),
            Map.entry("SLIPWAY_STAGES_BACKOFF", "1s"),
            // Short, so HooksIT outwaits a hook that hangs; far longer than any other test's hook.
            Map.entry("SLIPWAY_PLUGINS_COMMAND_TIMEOUT", Long.toString(HOOK_TIMEOUT.toSeconds())),
            Map.entry("SLIPWAY_GIT_PROTOCOLS", "https,file"),
            Map.entry("SLIPWAY_GIT_MAX_BYTES", Long.toString(GIT_LIMIT)),
            Map.entry("SLIPWAY_RETENTION_RELEASES", Integer.toString(KEPT_RELEASES)),
            Map.entry("SLIPWAY_RETENTION_EVERY", "2s"),
            Map.entry("SLIPWAY_RETENTION_FIRST_SWEEP", "5s"),
            Map.entry("SLIPWAY_WEBHOOKS_SECRET", WEBHOOK_SECRET),
            // Where the example hook plugin (examples/plugins/hook-recorder) writes its calls, when a test installs it.
            Map.entry("SLIPWAY_PLUGINS_RECORDER_DIR", HOME.resolve("hook-calls").toString()),
            // A setting of the executable fixture plugin shell-tally (ExecutablePluginServicesIT), as an operator sets it.
            Map.entry("SLIPWAY_PLUGINS_SHELL_TALLY_LABEL", "deployments counted"),
            Map.entry("SLIPWAY_PLUGINS_SHELL_TALLY_TOKEN", SHELL_TALLY_TOKEN),
            Map.entry("SLIPWAY_WEBHOOKS_MAX_BYTES", Long.toString(WEBHOOK_LIMIT)),
            Map.entry("SLIPWAY_STORAGE_QUOTA_BYTES", Long.toString(STORAGE_QUOTA)),
            Map.entry("SLIPWAY_PLUGIN_INSTALL_MAX_BYTES", Long.toString(PLUGIN_LIMIT)));

    private static Api api;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SlipwayStack.class, key -> start(), Running.class);
    }

    static Api api() {
        return api;
    }

    /** Closed by JUnit when the whole run ends. */
    private record Running() implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            slipway("stop");
        }
    }

    private static Running start() {
        try {
            slipway("stop");
            deleteTree(HOME);
            Files.createDirectories(HOME);
            slipway("setup", "--no-build");
            slipway("start");
            api = new Api("http://127.0.0.1:" + API_PORT, Files.readString(HOME.resolve("api-token")).strip(),
                    PROXY_PORT);
            awaitAWorker();
            return new Running();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Slipway stack: " + e.getMessage(), e);
        }
    }

    /** Ready means a worker has told the orchestrator what it can do: uploads are checked against that. */
    private static void awaitAWorker() {
        try {
            for (int i = 0; i < 120; i++) {
                if (api.get("/api/workers").body().size() > 0) {
                    return;
                }
                Thread.sleep(500);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot ask the orchestrator for its workers: " + e.getMessage(), e);
        }
        throw new IllegalStateException("no worker announced itself within 60 s\n" + serviceLogs());
    }

    static void slipway(String... args) throws IOException {
        slipway(Map.of(), args);
    }

    /** Runs bin/slipway with the stack's environment plus {@code env}, e.g. SLIPWAY_SERVICES=workers. */
    static void slipway(Map<String, String> env, String... args) throws IOException {
        Path log = HOME.getParent().resolve("slipway-e2e-script.log");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(REPO.resolve("bin/slipway").toString()),
                Stream.of(args)).toList())
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(ENV);
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(Duration.ofMinutes(10).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("bin/slipway " + String.join(" ", args) + " failed; its output:\n"
                        + tail(log, 60) + "\n" + serviceLogs());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One value from the stack's database, as {@code psql -At} prints it; the password never on a command line. */
    static String sql(String query) throws IOException, InterruptedException {
        Psql answer = psql("slipway", "postgres/password", query);
        if (!answer.ok()) {
            throw new IllegalStateException("psql " + query + ": " + answer.out());
        }
        return answer.out();
    }

    /** What psql printed, and whether the query succeeded. */
    record Psql(boolean ok, String out) {
    }

    /** {@code query} as the workers' narrow role, which may use the plugin tables alone. */
    static Psql sqlAsPlugins(String query) throws IOException, InterruptedException {
        return psql("slipway_plugins", "postgres/plugins-password", query);
    }

    private static Psql psql(String role, String passwordFile, String query) throws IOException, InterruptedException {
        Path bin = Path.of(System.getenv().getOrDefault("SLIPWAY_PG_BIN", "/usr/lib/postgresql/15/bin"), "psql");
        ProcessBuilder builder = new ProcessBuilder(Files.isExecutable(bin) ? bin.toString() : "psql", "-X", "-At",
                "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Integer.toString(PG_PORT), "-U", role, "-d", "slipway",
                "-c", query).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", Files.readString(HOME.resolve(passwordFile)).strip());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        return new Psql(process.waitFor() == 0, out);
    }

    /** The last lines of every service log: printed when a test fails, so CI shows why. */
    static String serviceLogs() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> logs = Files.list(HOME.resolve("logs"))) {
            for (Path log : logs.sorted().toList()) {
                out.append("==== ").append(log.getFileName()).append('\n').append(tail(log, 40)).append('\n');
            }
        } catch (IOException e) {
            out.append("(no service logs: ").append(e.getMessage()).append(")");
        }
        return out.toString();
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
