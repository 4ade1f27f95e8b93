package dev.slipway.orchestrator;

import dev.slipway.messaging.TopicSetup;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Creates Slipway's topics before the messaging channels start. Not in the test profile, whose
 * tests run the channels in memory, without a broker.
 */
@ApplicationScoped
@UnlessBuildProfile("test")
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    /** @param client the kafka.* settings the channels use too: the same principal creates the topics */
    void onStart(@Observes @Priority(1) StartupEvent event, SlipwayConfig config,
                 @Identifier("default-kafka-broker") Map<String, Object> client)
            throws InterruptedException, TimeoutException {
        SlipwayConfig.Kafka kafka = config.kafka();
        Map<String, Object> settings = new HashMap<>(client);
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        Set<String> created = TopicSetup.ensure(settings, kafka.partitions(), kafka.replicationFactor(),
                kafka.logRetention().toMillis(), config.pluginInstall().maxMessageBytes());
        if (!created.isEmpty()) {
            LOG.infof("created topics %s with %d partitions", created, kafka.partitions());
        }
    }
}
