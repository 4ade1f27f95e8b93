package dev.slipway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stack of its own, started with the same {@code bin/slipway} a user runs, under
 * {@code /tmp/slipway-bench-<offset>} and on the end-to-end tests' port plan plus the offset:
 * never the default ports or home, which a demo may use. The proxy strategy is the no-op plugin's.
 */
final class BenchStack {

    private static final Pattern QUARKUS_STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");

    final Path repo;
    final Path home;
    final int apiPort;
    final int kafkaPort;
    final int pgPort;
    final int workerPort;
    private final Map<String, String> env = new HashMap<>();

    BenchStack(Path repo, int offset) {
        this.repo = repo;
        this.home = Path.of("/tmp/slipway-bench-" + offset);
        this.apiPort = 37070 + offset;
        this.kafkaPort = 39092 + offset;
        this.pgPort = 35433 + offset;
        env.put("SLIPWAY_HOME", home.toString());
        env.put("SLIPWAY_API_PORT", Integer.toString(apiPort));
        env.put("SLIPWAY_KAFKA_PORT", Integer.toString(kafkaPort));
        env.put("SLIPWAY_PG_PORT", Integer.toString(pgPort));
        this.workerPort = 37071 + offset;
        env.put("SLIPWAY_WORKER_PORT", Integer.toString(workerPort));
        env.put("SLIPWAY_PROXY_PORT", Integer.toString(38080 + offset));
        env.put("SLIPWAY_PLUGINS_PROCESS_PORT_RANGE", (20000 + offset * 10) + "-" + (20999 + offset * 10));
        env.put("SLIPWAY_PROXY_STRATEGY", "noop");
    }

    /** A fresh home: whatever an earlier run left is stopped and deleted; Kafka's jars fetched if missing. */
    void prepare() throws IOException {
        slipway(Map.of(), "stop");
        deleteTree(home);
        Files.createDirectories(home);
        slipway(Map.of(), "setup", "--no-build");
    }

    /** Starts {@code services} (bin/slipway's SLIPWAY_SERVICES) and waits until they are ready; the wall-clock time. */
    Duration start(String services, Map<String, String> settings) throws IOException {
        Map<String, String> extra = new HashMap<>(settings);
        extra.put("SLIPWAY_SERVICES", services);
        long started = System.nanoTime();
        slipway(extra, "start");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    void stop(String services) throws IOException {
        slipway(Map.of("SLIPWAY_SERVICES", services), "stop");
    }

    String token() throws IOException {
        return Files.readString(home.resolve("api-token")).strip();
    }

    /** The settings bin/slipway gives every service (home, ports, the no-op proxy), for a process it does not start. */
    Map<String, String> environment() {
        return Map.copyOf(env);
    }

    /** A principal's SCRAM password ({@code admin}: the broker's super user, as bin/slipway uses it). */
    String kafkaPassword(String principal) throws IOException {
        return Files.readString(home.resolve("kafka/credentials").resolve(principal)).strip();
    }

    String databasePassword() throws IOException {
        return Files.readString(home.resolve("postgres/password")).strip();
    }

    long pid(String service) throws IOException {
        return Long.parseLong(Files.readAllLines(home.resolve("run").resolve(service + ".pid")).get(0).strip());
    }

    /** Resident set size of a service's JVM, in MiB, from /proc. */
    double rssMb(String service) throws IOException {
        return status(service, "VmRSS") / 1024.0;
    }

    /** The threads of a service's JVM, from /proc. */
    long threads(String service) throws IOException {
        return status(service, "Threads");
    }

    private long status(String service, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid(service)), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid(service) + "/status");
    }

    /**
     * CPU time a service's process has used so far (user + system), in ms, from /proc/PID/stat;
     * clock ticks taken as 100 per second (Linux' USER_HZ).
     */
    double cpuMillis(String service) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid(service)), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }

    /** What Quarkus itself says its start took (JVM start excluded), from the service's log; -1 if not found. */
    double quarkusStartSeconds(String service) throws IOException {
        double last = -1;
        for (String line : Files.readAllLines(home.resolve("logs").resolve(service + ".log"))) {
            Matcher m = QUARKUS_STARTED.matcher(line);
            if (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
        }
        return last;
    }

    private void slipway(Map<String, String> extra, String... args) throws IOException {
        Path log = home.resolveSibling(home.getFileName() + "-script.log");
        List<String> command = new ArrayList<>(List.of(repo.resolve("bin/slipway").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().putAll(extra);
        Process process = builder.start();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("bin/slipway " + String.join(" ", args) + " failed; see " + log + " and "
                        + home.resolve("logs"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while bin/slipway " + args[0] + " ran", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
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
