package dev.slipway.workers.plugin;

import dev.slipway.api.event.Topics;
import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.PluginDelivery;
import dev.slipway.workers.WorkerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Every plugin installed through the API, read from the compacted {@value Topics#PLUGINS} into this
 * worker's plugins directory ({@link InstalledPluginFiles}). Each worker must see every plugin, so it
 * joins no consumer group and commits nothing: it takes all partitions and reads them from the start
 * at every start. Once it has caught up, a plugin it installed earlier that the topic no longer has
 * (removed while the worker was down, its tombstone since compacted away) is removed too.
 */
@ApplicationScoped
public class PluginDeliveries {

    private static final Logger LOG = Logger.getLogger(PluginDeliveries.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Map<String, Object> client;
    private final InstalledPluginFiles files;
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** @param client the kafka.* settings the channels use: the worker's own principal reads the topic */
    public PluginDeliveries(@Identifier("default-kafka-broker") Map<String, Object> client, WorkerConfig config) {
        this.client = client;
        this.files = new InstalledPluginFiles(config.pluginsDir());
    }

    void onStart(@Observes StartupEvent event) {
        thread = new Thread(this::run, "plugin-deliveries");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private void run() {
        while (!stopping) {
            try (KafkaConsumer<String, byte[]> reading = new KafkaConsumer<>(settings(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = reading;
                read(reading);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("reading installed plugins from %s failed, trying again: %s", Topics.PLUGINS, e.toString());
                pause(Duration.ofSeconds(5));
            }
        }
    }

    private void read(KafkaConsumer<String, byte[]> reading) {
        try {
            files.removeLeftovers();
        } catch (IOException e) {
            LOG.warnf("what an interrupted plugin delivery left in the plugins directory could not be removed: %s",
                    e.toString());
        }
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty() && !stopping) {
            // The orchestrator creates the topic; a worker that starts first waits for it.
            partitions = reading.partitionsFor(Topics.PLUGINS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                pause(Duration.ofSeconds(2));
            }
        }
        reading.assign(partitions);
        reading.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = reading.endOffsets(partitions);
        Set<String> present = new HashSet<>();
        boolean caughtUp = false;
        while (!stopping) {
            for (ConsumerRecord<String, byte[]> record : reading.poll(POLL)) {
                handle(record);
                if (record.value() == null) {
                    present.remove(record.key());
                } else {
                    present.add(record.key());
                }
            }
            if (!caughtUp && end.entrySet().stream().allMatch(e -> reading.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                removeAllBut(present);
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        String name = record.key();
        try {
            if (record.value() == null) {
                if (files.remove(name)) {
                    LOG.infof("plugin %s removed, as the orchestrator said", name);
                }
                return;
            }
            PluginDelivery delivery = PluginDelivery.read(name, record.value(), record.headers());
            if (files.install(delivery)) {
                LOG.infof("plugin %s installed (%s %s, sha256 %s)", name, delivery.kind(), delivery.fileName(), delivery.sha256());
            }
        } catch (InstalledPluginFiles.Refused | EventCodec.MalformedMessageException e) {
            LOG.errorf("installed plugin not written: %s", e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Logged and passed over: thrown further, the record would be read again at every retry, and
            // every record after it never.
            LOG.errorf("installed plugin %s could not be written or removed: %s", name, e.toString());
        }
    }

    private void removeAllBut(Set<String> present) {
        try {
            for (String name : files.installed()) {
                if (!present.contains(name) && files.remove(name)) {
                    LOG.infof("plugin %s removed: it is no longer installed", name);
                }
            }
        } catch (IOException e) {
            LOG.errorf("plugins no longer installed could not be removed: %s", e.toString());
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        client.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // A plugin file is one record of up to tens of megabytes; a fetch returns at least one record
        // whatever its size, so these limits only say how much to ask for at once.
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024);
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "slipway-plugin-deliveries");
        return settings;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
