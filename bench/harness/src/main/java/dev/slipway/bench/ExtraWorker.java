package dev.slipway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second workers JVM on the bench stack, for the scaling step. bin/slipway runs one workers
 * process per home, so this one is started as bin/slipway starts its own (same jar, settings in
 * the environment, never on the command line), on the next port, with a plugins directory of its
 * own (it receives the no-op plugin from slipway.plugins like any worker).
 */
final class ExtraWorker implements AutoCloseable {

    private final Process process;

    private ExtraWorker(Process process) {
        this.process = process;
    }

    /** The JVM options the running worker was started with (bin/slipway's, SLIPWAY_JAVA_OPTS), from /proc. */
    private static List<String> jvmOptions(long pid) throws IOException {
        String[] args = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8).split("\0");
        List<String> options = new ArrayList<>();
        for (int i = 1; i < args.length && !args[i].equals("-jar"); i++) {
            options.add(args[i]);
        }
        return options;
    }

    static ExtraWorker start(BenchStack stack, Map<String, String> settings) throws IOException, InterruptedException {
        int port = stack.workerPort + 100;
        Path home = stack.home;
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions(stack.pid("workers")));
        command.addAll(List.of("-jar", stack.repo.resolve("workers/target/quarkus-app/quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("logs/workers-2.log").toFile());
        Map<String, String> env = builder.environment();
        env.putAll(stack.environment());
        env.putAll(settings);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("SLIPWAY_PLUGINS_DIR", home.resolve("plugins-2").toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + stack.kafkaPort);
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"worker\" password=\"" + stack.kafkaPassword("worker") + "\";");
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + stack.pgPort + "/slipway");
        env.put("QUARKUS_DATASOURCE_USERNAME", "slipway_plugins");
        env.put("QUARKUS_DATASOURCE_PASSWORD", Files.readString(home.resolve("postgres/plugins-password")).strip());
        env.put("SLIPWAY_SECRETS_KEY_FILE", home.resolve("secrets-keys").toString());
        ExtraWorker worker = new ExtraWorker(builder.start());
        worker.awaitReady(port);
        return worker;
    }

    private void awaitReady(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 180; i++) {
            if (!process.isAlive()) {
                throw new IOException("the second worker exited during start (exit " + process.exitValue() + ")");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IOException("the second worker was not ready within 90 s");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
