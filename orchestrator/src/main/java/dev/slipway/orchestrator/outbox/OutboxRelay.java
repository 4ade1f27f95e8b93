package dev.slipway.orchestrator.outbox;

import dev.slipway.orchestrator.SlipwayConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes what the outbox holds, in order, as CloudEvents keyed by app. Rows are locked with
 * {@code SKIP LOCKED} so several orchestrator replicas can relay side by side; a row is marked
 * published only after Kafka acknowledged it, so a crash means a redelivery, never a loss.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final URI SOURCE = URI.create("/slipway/orchestrator");

    private final Mutiny.SessionFactory sessions;
    private final MutinyEmitter<String> commands;
    private final Clock clock;
    private final int batchSize;

    public OutboxRelay(Mutiny.SessionFactory sessions, @Channel("commands") MutinyEmitter<String> commands, Clock clock,
                       SlipwayConfig config) {
        this.sessions = sessions;
        this.commands = commands;
        this.clock = clock;
        this.batchSize = config.outbox().batchSize();
    }

    /** Publishes now what a transaction that just committed wrote; a failure is left to the next sweep. */
    public void wake() {
        publishPending().subscribe().with(done -> { }, failure -> LOG.debugf("outbox relay: %s", failure.getMessage()));
    }

    /** The safety net: whatever a wake missed (Kafka was away, another replica died) goes out here. */
    @Scheduled(every = "${slipway.outbox.sweep:1s}", delayed = "${slipway.outbox.first-sweep:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return publishPending();
    }

    Uni<Void> publishPending() {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                select * from outbox where published_at is null and not_before <= ?2
                                order by position limit ?1 for update skip locked""", OutboxMessage.class)
                .setParameter(1, batchSize)
                .setParameter(2, clock.instant())
                .getResultList()
                .chain(this::publishInOrder));
    }

    private Uni<Void> publishInOrder(List<OutboxMessage> pending) {
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndConcatenate(message -> commands.sendMessage(asCloudEvent(message))
                        .invoke(() -> message.publishedAt = clock.instant()))
                .collect().last()
                .replaceWithVoid();
    }

    private static Message<String> asCloudEvent(OutboxMessage message) {
        return Message.of(message.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(message.topic)
                        .withKey(message.key)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(message.id.toString())
                        .withType(message.type)
                        .withSource(SOURCE)
                        .withSubject(message.key)
                        .build());
    }
}
