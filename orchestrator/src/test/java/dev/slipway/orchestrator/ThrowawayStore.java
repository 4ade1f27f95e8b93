package dev.slipway.orchestrator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of its own for a {@code @QuarkusTest}, started and stopped by the project's
 * own {@code bin/slipway} under a throwaway {@code SLIPWAY_HOME}, and the orchestrator's channels in
 * memory: the process manager's transactions are real, the broker is not there.
 */
public class ThrowawayStore implements QuarkusTestResourceLifecycleManager {

    private static final Path SLIPWAY = Path.of("..", "bin", "slipway").toAbsolutePath().normalize();

    private Path home;
    private Map<String, String> env;

    @Override
    public Map<String, String> start() {
        try {
            // Under /tmp and searchable: the cluster runs as the postgres user when the tests run as root.
            home = Files.createTempDirectory(Path.of("/tmp"), "slipway-store-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            env = Map.of("SLIPWAY_HOME", home.toString(), "SLIPWAY_SERVICES", "postgres",
                    "SLIPWAY_PG_PORT", String.valueOf(port), "SLIPWAY_SKIP_BUILD", "1");
            run("start");
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/slipway");
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/slipway");
            config.put("quarkus.datasource.username", "slipway");
            config.put("quarkus.datasource.password",
                    Files.readAllLines(home.resolve("postgres/password")).get(0).strip());
            config.put("slipway.home", home.toString());
            config.put("slipway.api-token", "throwaway-store-token");
            config.putAll(InMemoryConnector.switchIncomingChannelsToInMemory("events", "logs", "workers",
                    "plugin-replies"));
            config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory("commands", "plugins", "plugin-requests"));
            // As Kafka does: deliver on a Vert.x context, where Hibernate Reactive sessions live.
            for (String channel : List.of("events", "logs", "workers", "plugin-replies")) {
                config.put("mp.messaging.incoming." + channel + ".run-on-vertx-context", "true");
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
        if (home != null) {
            run("stop");
            try (var files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover under /tmp, not a failed test.
            }
        }
    }

    private void run(String command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(SLIPWAY.toString(), command)).redirectErrorStream(true)
                .redirectOutput(home.resolve("slipway-" + command + ".log").toFile());
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("bin/slipway " + command + " failed: "
                        + Files.readString(home.resolve("slipway-" + command + ".log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
