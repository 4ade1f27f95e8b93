package dev.slipway.workers.stage;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The cancellations that were on {@code slipway.cancel} when this worker joined. A stage sent while
 * no worker ran may have been cancelled before any worker read it; this worker reads the topic from
 * its start, and takes up its first stage only once it has read that far, so the
 * stage is skipped rather than run for a deployment that has ended. The topic keeps its records as
 * long as the stage topics do, and they are few and small.
 */
@ApplicationScoped
@Default
@Identifier(CancelBacklog.NAME)
public class CancelBacklog implements KafkaConsumerRebalanceListener {

    /** The name {@code mp.messaging.incoming.cancel.consumer-rebalance-listener.name} gives. */
    public static final String NAME = "cancel-backlog";

    private static final Logger LOG = Logger.getLogger(CancelBacklog.class);

    /** Per partition, the offset just past the last cancellation there when this worker joined. */
    private final Map<TopicPartition, Long> unread = new ConcurrentHashMap<>();
    private final CountDownLatch read = new CountDownLatch(1);

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (read.getCount() == 0) {
            return;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                if (consumer.position(partition) < end) {
                    unread.put(partition, end);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("cannot tell how far slipway.cancel reaches (%s); stages go on without waiting for it", e.toString());
            unread.clear();
        }
        settle();
    }

    /** The cancellation at {@code offset} of {@code partition} has been taken in. */
    public void taken(String topic, int partition, long offset) {
        unread.computeIfPresent(new TopicPartition(topic, partition), (p, end) -> offset + 1 >= end ? null : end);
        settle();
    }

    /**
     * Waits until the cancellations on the topic at joining are read, at most {@code limit}: a
     * cancellation consumer that cannot join must not keep the worker from working. An interrupt
     * (the worker stopping) ends the wait and stays set for the stage to see.
     */
    public void await(Duration limit) {
        boolean done;
        try {
            done = read.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!done) {
            LOG.warnf("the cancellations already on slipway.cancel were not read within %s; stages go on without them",
                    limit);
            read.countDown();
        }
    }

    /** Whether the cancellations on the topic at joining have all been taken in. */
    boolean read() {
        return read.getCount() == 0;
    }

    private void settle() {
        if (unread.isEmpty()) {
            read.countDown();
        }
    }
}
