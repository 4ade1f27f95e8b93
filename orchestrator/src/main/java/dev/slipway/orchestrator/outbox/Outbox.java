package dev.slipway.orchestrator.outbox;

import dev.slipway.api.event.Command;
import dev.slipway.messaging.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.reactive.mutiny.Mutiny;

/** Writes commands to the outbox table; {@link OutboxRelay} publishes them. */
@ApplicationScoped
public class Outbox {

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
        message.createdAt = clock.instant();
        long jitteredMillis = Math.round(delay.toMillis() * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        message.notBefore = message.createdAt.plusMillis(jitteredMillis);
        return session.persist(message);
    }
}
