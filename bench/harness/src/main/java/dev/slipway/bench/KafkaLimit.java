package dev.slipway.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One Kafka hop as Slipway makes it: a record sent by a producer set as the services' are
 * ({@code acks=all}, string serializers, the client's defaults otherwise — see the orchestrator's
 * and workers' application.properties) until a consumer polling its partition has it. One record
 * at a time, as a deployment's hops are; producer and consumer in one process, so one clock.
 */
final class KafkaLimit {

    static final String TOPIC = "bench.latency";
    private final String bootstrap;
    private final String adminPassword;

    KafkaLimit(int port, String adminPassword) {
        this.bootstrap = "127.0.0.1:" + port;
        this.adminPassword = adminPassword;
    }

    /**
     * @param lingerMs the producer's linger.ms, or empty for the client's default (what Slipway runs with)
     */
    Samples measure(int warmUp, int samples, Optional<Integer> lingerMs) throws Exception {
        createTopic();
        Map<String, Object> producerConfig = new HashMap<>(login());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        lingerMs.ifPresent(ms -> producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, ms));
        Map<String, Object> consumerConfig = new HashMap<>(login());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Samples hops = new Samples();
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            producer.send(new ProducerRecord<>(TOPIC, "bench", "connect")).get(30, TimeUnit.SECONDS);
            drain(consumer);
            for (int i = 0; i < warmUp + samples; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, "bench", Integer.toString(i)));
                int seen = 0;
                while (seen == 0) {
                    seen = consumer.poll(Duration.ofSeconds(5)).count();
                }
                if (i >= warmUp) {
                    hops.addNanos(System.nanoTime() - sent);
                }
            }
        }
        return hops;
    }

    private void drain(KafkaConsumer<String, String> consumer) {
        for (int empty = 0; empty < 3; ) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
            empty = records.isEmpty() ? empty + 1 : 0;
        }
    }

    private void createTopic() throws Exception {
        try (Admin admin = Admin.create(login())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Map<String, Object> login() {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"admin\" password=\"" + adminPassword + "\";");
    }
}
