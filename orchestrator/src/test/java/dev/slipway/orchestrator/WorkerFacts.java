package dev.slipway.orchestrator;

import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.messaging.EventCodec;
import io.smallrye.reactive.messaging.ce.impl.DefaultIncomingCloudEventMetadata;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A worker's fact as the events channel carries it, for tests that feed the orchestrator in memory. */
public final class WorkerFacts {

    private WorkerFacts() {
    }

    /** With CloudEvents headers and an id of its own. */
    public static Message<String> of(SlipwayEvent event) {
        return withId(event, UUID.randomUUID().toString());
    }

    /** {@code event} under the id of {@code earlier}: what Kafka's redelivery looks like. */
    public static Message<String> redelivered(SlipwayEvent event, Message<String> earlier) {
        return withId(event, earlier.getMetadata(DefaultIncomingCloudEventMetadata.class).orElseThrow().getId());
    }

    private static Message<String> withId(SlipwayEvent event, String id) {
        String payload = EventCodec.encode(event);
        return Message.of(payload).addMetadata(new DefaultIncomingCloudEventMetadata<>("1.0", id,
                URI.create("/slipway/worker/test"), event.type(), null, null, null, null, Map.of(), payload));
    }
}
