package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Only Slipway speaks on its bus, and the API shows nothing to whoever lacks the token: the real
 * broker refuses strangers and keeps each principal to its side of the conversation; no secret
 * is on a command line or in a file others can read.
 */
@ExtendWith(SlipwayStack.class)
class BusAuthorizationIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aClientThatDoesNotLogInCannotCommandTheWorkers() {
        long started = System.nanoTime();
        try (KafkaProducer<String, String> stranger = Bus.anonymous()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> Bus.send(stranger, "slipway.hook", "{\"command\":\"id\"}"));
            // The broker drops a connection that skips the SASL handshake: no metadata ever arrives.
            assertInstanceOf(TimeoutException.class, e.getCause(), e::toString);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Bus.PATIENCE.multipliedBy(3)) < 0, "refused only after " + took);
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (KafkaProducer<String, String> impostor = Bus.as("worker", "not-the-password")) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> Bus.send(impostor, "slipway.logs", "hello"));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e::toString);
        }
    }

    @Test
    void aWorkerReportsButCannotCommand() throws Exception {
        try (KafkaProducer<String, String> worker = Bus.as("worker", Bus.password("worker"))) {
            for (String command : List.of("slipway.hook", "slipway.build", "slipway.deploy", "slipway.proxy")) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> Bus.send(worker, command, "{}"));
                assertInstanceOf(TopicAuthorizationException.class, e.getCause(), command + ": " + e);
            }
            // Not a log line the orchestrator can read: it drops it.
            assertEquals("slipway.logs", Bus.send(worker, "slipway.logs", "not a log line").topic());
            // Workers answer plugin requests, and cannot ask one another's plugins anything.
            ExecutionException asking = assertThrows(ExecutionException.class,
                    () -> Bus.send(worker, "slipway.plugin-requests", "{}"));
            assertInstanceOf(TopicAuthorizationException.class, asking.getCause(), asking::toString);
            assertEquals("slipway.plugin-replies", Bus.send(worker, "slipway.plugin-replies", "not a reply").topic());
        }
    }

    @Test
    void theOrchestratorCommandsButCannotForgeFacts() throws Exception {
        try (KafkaProducer<String, String> orchestrator = Bus.as("orchestrator", Bus.password("orchestrator"))) {
            // Not a CloudEvent: the proxy worker sends it to the dead-letter topic, which it may.
            assertEquals("slipway.proxy", Bus.send(orchestrator, "slipway.proxy", "not a command").topic());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> Bus.send(orchestrator, "slipway.events", "{}"));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause(), e::toString);
            // It asks plugins, and cannot forge their answers.
            assertEquals("slipway.plugin-requests", Bus.send(orchestrator, "slipway.plugin-requests", "not a request").topic());
            ExecutionException answering = assertThrows(ExecutionException.class,
                    () -> Bus.send(orchestrator, "slipway.plugin-replies", "{}"));
            assertInstanceOf(TopicAuthorizationException.class, answering.getCause(), answering::toString);
        }
    }

    @Test
    void onlyTheOrchestratorSaysWhichPluginsTheWorkersInstall() throws Exception {
        try (KafkaProducer<String, String> worker = Bus.as("worker", Bus.password("worker"))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> Bus.send(worker, "slipway.plugins", "a jar"));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause(), e::toString);
        }
        try (KafkaProducer<String, String> orchestrator = Bus.as("orchestrator", Bus.password("orchestrator"))) {
            // A tombstone for a plugin nobody installed: the workers have nothing to remove.
            assertEquals("slipway.plugins", Bus.send(orchestrator, "slipway.plugins", null).topic());
        }
        // The workers read all of it with no consumer group, so no group ACL is in the way.
        try (KafkaConsumer<String, String> worker = Bus.consumerAs("worker", Bus.password("worker"))) {
            List<TopicPartition> partitions = worker.partitionsFor("slipway.plugins").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            assertFalse(partitions.isEmpty());
            worker.assign(partitions);
            worker.seekToBeginning(partitions);
            assertDoesNotThrow(() -> worker.poll(Duration.ofSeconds(2)));
        }
        try (KafkaConsumer<String, String> orchestrator = Bus.consumerAs("orchestrator", Bus.password("orchestrator"))) {
            TopicPartition first = new TopicPartition("slipway.plugins", 0);
            orchestrator.assign(List.of(first));
            orchestrator.seekToBeginning(List.of(first));
            assertThrows(TopicAuthorizationException.class, () -> orchestrator.poll(Duration.ofSeconds(2)));
        }
    }

    @Test
    void metricsAndOpenApiNeedTheTokenAndNeverNameARefusedApp() throws Exception {
        String token = Files.readString(SlipwayStack.HOME.resolve("api-token")).strip();
        assertEquals(401, get("/q/metrics", null).statusCode());
        assertEquals(401, get("/q/openapi", null).statusCode());
        assertEquals(200, get("/q/health/ready", null).statusCode(), "readiness stays open");
        assertEquals(401, get("/api/apps/some-random-name-xyz", null).statusCode());
        assertEquals(401, get("/api/apps/some-random-name-xyz", "wrong-token").statusCode());
        assertEquals(404, get("/api/apps/another-random-name-qrs", token).statusCode());
        assertEquals(200, get("/q/openapi", token).statusCode());

        HttpResponse<String> metrics = get("/q/metrics", token);

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("http_server_requests_seconds_count"), "HTTP metrics are recorded");
        assertFalse(metrics.body().contains("some-random-name-xyz"), "a refused request's path is in the metrics");
        assertFalse(metrics.body().contains("another-random-name-qrs"), "an unknown app's name is in the metrics");
    }

    @Test
    void credentialFilesAreTheOwnersOnly() throws IOException {
        Path home = SlipwayStack.HOME;
        for (Path secret : List.of(Bus.CREDENTIALS.resolve("admin"), Bus.CREDENTIALS.resolve("orchestrator"),
                Bus.CREDENTIALS.resolve("worker"), home.resolve("kafka/server.properties"),
                home.resolve("postgres/password"), home.resolve("postgres/plugins-password"), home.resolve("api-token"),
                home.resolve("secrets-keys"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), secret::toString);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Bus.CREDENTIALS)));
    }

    @Test
    void noSecretIsOnAnyCommandLine() throws IOException {
        Path home = SlipwayStack.HOME;
        Map<String, String> secrets = Map.of(
                "the database password", Files.readString(home.resolve("postgres/password")).strip(),
                "the workers' database password", Files.readString(home.resolve("postgres/plugins-password")).strip(),
                "the API token", Files.readString(home.resolve("api-token")).strip(),
                // A key ring line is "<version> <key>": the key is what must not show.
                "the secrets key", Files.readAllLines(home.resolve("secrets-keys")).get(0).split(" ")[1],
                "the Kafka admin password", Bus.password("admin"),
                "the orchestrator's Kafka password", Bus.password("orchestrator"),
                "the workers' Kafka password", Bus.password("worker"));
        List<Long> services = new ArrayList<>();
        for (String service : List.of("kafka", "postgres", "orchestrator", "workers")) {
            services.add(Long.parseLong(Files.readString(home.resolve("run/" + service + ".pid")).strip()));
        }
        List<Long> seen = new ArrayList<>();
        // Every process on the machine, not only ours: whatever bin/slipway or a service starts is among them.
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String commandLine;
                try {
                    commandLine = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException gone) {
                    continue;
                }
                seen.add(Long.parseLong(process.getFileName().toString()));
                secrets.forEach((what, secret) -> assertFalse(commandLine.contains(secret),
                        what + " is on the command line of process " + process.getFileName()));
            }
        }
        assertTrue(seen.containsAll(services), "the services " + services + " were all looked at");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SlipwayStack.API_PORT + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
