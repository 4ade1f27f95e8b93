package dev.slipway.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The stack's Kafka broker as a client sees it: with no credentials, or a principal's from its 0600 file. */
final class Bus {

    static final Path CREDENTIALS = SlipwayStack.HOME.resolve("kafka").resolve("credentials");
    /** Longer than any answer of a healthy local broker, short enough for a test to wait out. */
    static final Duration PATIENCE = Duration.ofSeconds(8);

    private Bus() {
    }

    static String password(String principal) throws IOException {
        return Files.readString(CREDENTIALS.resolve(principal)).strip();
    }

    /** A producer that does not log in at all, as any local user could have run one before. */
    static KafkaProducer<String, String> anonymous() {
        return producer(Map.of());
    }

    static KafkaProducer<String, String> as(String principal, String password) {
        return producer(login(principal, password));
    }

    /** A consumer in no group: it assigns itself partitions, as a worker reads slipway.plugins. */
    static KafkaConsumer<String, String> consumerAs(String principal, String password) {
        Map<String, Object> config = new HashMap<>(login(principal, password));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + SlipwayStack.KAFKA_PORT);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    private static Map<String, Object> login(String principal, String password) {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + principal + "\" password=\"" + password + "\";");
    }

    /** Sends one record and waits for the broker's answer, for at most twice {@link #PATIENCE}. */
    static RecordMetadata send(KafkaProducer<String, String> producer, String topic, String value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, "bus-authorization-it", value))
                .get(PATIENCE.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + SlipwayStack.KAFKA_PORT);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PATIENCE.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis() / 2);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.RETRIES_CONFIG, 0);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }
}
