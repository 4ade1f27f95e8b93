package dev.slipway.orchestrator.deployment.pipeline;

import dev.slipway.api.event.ProcessEvent;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.api.event.StageEvent;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.process.ProcessFacts;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes the workers' facts from {@code slipway.events} into the process manager. A message that
 * cannot be understood goes to the dead-letter topic; a database hiccup is retried before that.
 */
@ApplicationScoped
public class StageEventConsumer {

    private static final Logger LOG = Logger.getLogger(StageEventConsumer.class);

    private final DeploymentProcess process;
    private final ProcessFacts processes;

    public StageEventConsumer(DeploymentProcess process, ProcessFacts processes) {
        this.process = process;
        this.processes = processes;
    }

    @Incoming("events")
    public Uni<Void> consume(Message<String> message) {
        IncomingCloudEventMetadata<?> cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        UUID id;
        SlipwayEvent event;
        try {
            if (cloudEvent == null) {
                throw new EventCodec.MalformedMessageException("message has no CloudEvents headers");
            }
            id = UUID.fromString(cloudEvent.getId());
            event = EventCodec.decode(cloudEvent.getType(), message.getPayload());
            if (!(event instanceof StageEvent) && !(event instanceof ProcessEvent)) {
                throw new EventCodec.MalformedMessageException(cloudEvent.getType() + " is not a worker's fact");
            }
        } catch (EventCodec.MalformedMessageException | IllegalArgumentException e) {
            LOG.warnf("unreadable message on slipway.events sent to the dead-letter topic: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        Uni<Void> recorded = event instanceof ProcessEvent fact ? processes.record(id, fact) : process.record(id, event);
        return recorded
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .onItemOrFailure().transformToUni((ok, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }
}
