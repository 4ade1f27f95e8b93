package dev.slipway.workers.stage;

import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.messaging.EventCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Reports a stage's facts to the orchestrator on {@code slipway.events}, as CloudEvents keyed by app. */
@ApplicationScoped
public class Facts {

    private static final Logger LOG = Logger.getLogger(Facts.class);

    private final MutinyEmitter<String> events;
    private final URI source;

    public Facts(@Channel("events") MutinyEmitter<String> events, WorkerIdentity identity) {
        this.events = events;
        this.source = URI.create("/slipway/worker/" + identity.name());
    }

    /** Publishes a fact (a stage's, or a process's) and waits for Kafka's acknowledgement: call from a worker thread. */
    public void publish(SlipwayEvent fact) {
        LOG.infof("%s %s: %s", fact.app(), fact.deploymentId(), fact.getClass().getSimpleName());
        events.sendMessageAndAwait(Message.of(EventCodec.encode(fact))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(fact.app()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(UUID.randomUUID().toString())
                        .withType(fact.type())
                        .withSource(source)
                        .withSubject(fact.app())
                        .build()));
    }
}
