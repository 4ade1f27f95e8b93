package dev.slipway.orchestrator.outbox;

import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.EventTypes;
import dev.slipway.api.event.HookRequested;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.messaging.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.hibernate.reactive.mutiny.Mutiny;

/** Writes commands to the outbox table; {@link OutboxRelay} publishes them. */
@ApplicationScoped
public class Outbox {

    private static final List<String> STAGE_REQUESTS = Stream.of(BuildRequested.class, DeployRequested.class,
            HookRequested.class, ProxyRequested.class).map(EventTypes::typeOf).toList();

    private final Clock clock;

    public Outbox(Clock clock) {
        this.clock = clock;
    }

    /** @param delay how long to hold the command back; jittered by ±20% so retries do not march in step */
    public Uni<Void> enqueue(Mutiny.Session session, Command command, Duration delay) {
        OutboxMessage message = new OutboxMessage();
        message.id = UUID.randomUUID();
        message.topic = command.topic();
        message.key = command.app();
        message.type = command.type();
        message.payload = EventCodec.encode(command);
        message.deploymentId = command.deploymentId();
        message.createdAt = clock.instant();
        long jitteredMillis = Math.round(delay.toMillis() * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        message.notBefore = message.createdAt.plusMillis(jitteredMillis);
        return session.persist(message);
    }

    /**
     * Drops the stage requests of {@code deploymentId} not yet published: a cancelled deployment's
     * retry, held back by its back-off, must not reach a worker that never heard of the cancel.
     */
    public Uni<Void> dropUnsentStages(Mutiny.Session session, UUID deploymentId) {
        return session.createMutationQuery("delete from OutboxMessage where deploymentId = :id and publishedAt is null"
                        + " and type in :stages")
                .setParameter("id", deploymentId).setParameter("stages", STAGE_REQUESTS)
                .executeUpdate().replaceWithVoid();
    }
}
