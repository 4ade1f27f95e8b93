package dev.slipway.workers.stage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CancelBacklogTest {

    private static final TopicPartition P0 = new TopicPartition("slipway.cancel", 0);
    private static final TopicPartition P1 = new TopicPartition("slipway.cancel", 1);

    private final MockConsumer<String, String> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    private final CancelBacklog backlog = new CancelBacklog();

    private void joinWith(long p0Start, long p0End, long p1Start, long p1End) {
        consumer.updateBeginningOffsets(Map.of(P0, p0Start, P1, p1Start));
        consumer.updateEndOffsets(Map.of(P0, p0End, P1, p1End));
        consumer.assign(List.of(P0, P1));
        backlog.onPartitionsAssigned(consumer, List.of(P0, P1));
    }

    @Test
    void stagesWaitUntilEveryCancellationOnTheTopicAtJoiningIsTakenIn() {
        joinWith(5, 8, 3, 3);
        assertFalse(backlog.read());

        backlog.taken(P0.topic(), 0, 5);
        backlog.taken(P0.topic(), 0, 6);
        backlog.taken("slipway.other", 0, 7);
        assertFalse(backlog.read(), "the last one, at offset 7, is still unread");

        backlog.taken(P0.topic(), 0, 7);
        assertTrue(backlog.read());
    }

    @Test
    void anEmptyTopicOrOneAlreadyReadNeedsNoWait() {
        joinWith(4, 4, 0, 0);
        assertTrue(backlog.read());
    }

    @Test
    void aBacklogThatCannotBeReadInTimeStopsHoldingStagesBack() {
        joinWith(0, 2, 0, 0);
        backlog.await(Duration.ofMillis(10));
        assertTrue(backlog.read(), "after the limit, stages go on");
    }

    @Test
    void aConsumerThatCannotTellItsOffsetsHoldsNothingBack() {
        MockConsumer<String, String> broken = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
            @Override
            public synchronized Map<TopicPartition, Long> endOffsets(java.util.Collection<TopicPartition> partitions) {
                throw new KafkaException("not authorized");
            }
        };
        broken.assign(List.of(P0));
        backlog.onPartitionsAssigned(broken, List.of(P0));
        assertTrue(backlog.read());
    }
}
