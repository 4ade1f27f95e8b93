package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every message of a finished deployment put on the topics again — commands and facts, each twice,
 * last first, and the facts once more as new messages — changes nothing: no stage runs again, no
 * fact is recorded twice, the deployment keeps its outcome and the app its releases.
 */
@ExtendWith(SlipwayStack.class)
class MessageReplayIT {

    private static final List<String> COMMAND_TOPICS = List.of("slipway.build", "slipway.deploy", "slipway.proxy",
            "slipway.hook");

    private final Api api = SlipwayStack.api();

    @Test
    void duplicatedAndReorderedMessagesChangeNothing(@TempDir Path dir) throws Exception {
        api.createApp("replayed");
        Api.Outcome first = api.deploy("replayed", Apps.python(dir, "first", null));
        assertEquals("SUCCEEDED", first.state(), () -> first.deployment().toString());
        Map<String, Integer> recorded = recorded(first.id());
        List<ConsumerRecord<String, String>> commands = messagesOf("worker", COMMAND_TOPICS, first.id());
        List<ConsumerRecord<String, String>> facts = messagesOf("orchestrator", List.of("slipway.events"), first.id());
        assertFalse(commands.isEmpty(), "the deployment's commands are on the bus");
        assertFalse(facts.isEmpty(), "the deployment's facts are on the bus");

        try (KafkaProducer<String, String> orchestrator = Bus.as("orchestrator", Bus.password("orchestrator"))) {
            for (ConsumerRecord<String, String> command : reversed(commands)) {
                resend(orchestrator, command, false);
                resend(orchestrator, command, false);
            }
        }
        Map<String, Integer> expected = new TreeMap<>(recorded);
        try (KafkaProducer<String, String> worker = Bus.as("worker", Bus.password("worker"))) {
            for (ConsumerRecord<String, String> fact : reversed(facts)) {
                resend(worker, fact, false);
                resend(worker, fact, false);
                resend(worker, fact, true);
                if (!isProcessFact(typeOf(fact))) {
                    expected.merge(typeOf(fact), 1, Integer::sum);
                }
            }
        }
        System.out.printf("MessageReplayIT: %d commands sent twice, %d facts three times%n", commands.size(),
                facts.size());
        // The next deployment of the app takes the same partitions after the replayed messages: once it is
        // over, every replayed message has been handled.
        Files.writeString(dir.resolve("VERSION"), "second\n");
        Api.Outcome second = api.deploy("replayed", dir);

        assertEquals("SUCCEEDED", second.state(), () -> second.deployment().toString());
        assertEquals(expected, recorded(first.id()), "only the facts sent as new messages were recorded (and ignored),"
                + " and no worker ran a stage again");
        assertEquals("SUCCEEDED", api.get("/api/deployments/" + first.id()).body().get("state").asText());
        assertEquals(2, api.get("/api/apps/replayed/releases").body().size(), "two releases, not more");
        assertTrue(api.viaProxy("replayed.localhost").body().contains("Version: second"));
        int firstPort = Apps.deployedPort(first);
        assertTrue(Apps.eventually(() -> !Apps.listening(firstPort)), "the replaced release still runs");
    }

    /**
     * How many pipeline facts of each type the event log holds for the deployment. What its release's
     * processes did since (started, stopped when the next release replaced it) is not the pipeline's.
     */
    private static Map<String, Integer> recorded(String deploymentId) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        String rows = SlipwayStack.sql("select type || ' ' || count(*) from event_log where deployment_id = '"
                + deploymentId + "' group by type");
        for (String row : rows.split("\n")) {
            if (!row.isBlank()) {
                String[] typeAndCount = row.strip().split(" ");
                if (!isProcessFact(typeAndCount[0])) {
                    counts.put(typeAndCount[0], Integer.parseInt(typeAndCount[1]));
                }
            }
        }
        return counts;
    }

    private static boolean isProcessFact(String type) {
        return type.startsWith("dev.slipway.Process") || type.equals("dev.slipway.ReleaseCrashed");
    }

    private static String typeOf(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
    }

    /** Every message on {@code topics} that belongs to the deployment, read from the start as {@code principal}. */
    private static List<ConsumerRecord<String, String>> messagesOf(String principal, List<String> topics,
                                                                   String deploymentId) throws Exception {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = Bus.consumerAs(principal, Bus.password(principal))) {
            List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertTrue(System.nanoTime() < deadline, "the topics could not be read to their end");
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.value() != null && record.value().contains(deploymentId)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** The message again, to its partition, with its headers: its own CloudEvents id, or a new one. */
    private static void resend(KafkaProducer<String, String> producer, ConsumerRecord<String, String> record,
                               boolean newId) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(newId && header.key().equals("ce_id")
                    ? new RecordHeader("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)) : header);
        }
        producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(), headers))
                .get(Bus.PATIENCE.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    private static <T> List<T> reversed(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.reverse(copy);
        return copy;
    }
}
