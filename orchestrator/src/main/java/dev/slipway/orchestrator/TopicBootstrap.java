package dev.slipway.orchestrator;

import dev.slipway.messaging.TopicSetup;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/** Creates Slipway's topics before the messaging channels start. */
@ApplicationScoped
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    void onStart(@Observes @Priority(1) StartupEvent event, SlipwayConfig config)
            throws InterruptedException, TimeoutException {
        SlipwayConfig.Kafka kafka = config.kafka();
        Set<String> created = TopicSetup.ensure(kafka.bootstrapServers(), kafka.partitions(), kafka.replicationFactor(),
                kafka.logRetention().toMillis());
        if (!created.isEmpty()) {
            LOG.infof("created topics %s with %d partitions", created, kafka.partitions());
        }
    }
}
