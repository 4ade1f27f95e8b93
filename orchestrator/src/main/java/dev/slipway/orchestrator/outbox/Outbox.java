package dev.slipway.orchestrator.outbox;

import dev.slipway.api.event.Command;
import dev.slipway.messaging.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Writes commands to the outbox table; {@link OutboxRelay} publishes them. */
@ApplicationScoped
public class Outbox {

    private final Clock clock;

    public Outbox(Clock clock) {
        this.clock = clock;
    }

    public Uni<Void> enqueue(Mutiny.Session session, Command command) {
        OutboxMessage message = new OutboxMessage();
        message.id = UUID.randomUUID();
        message.topic = command.topic();
        message.key = command.app();
        message.type = command.type();
        message.payload = EventCodec.encode(command);
        message.createdAt = clock.instant();
        return session.persist(message);
    }
}
