package dev.slipway.messaging;

import dev.slipway.api.event.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Slipway's topics when they are missing, with the operator's partition count, rather than
 * leaving it to broker auto-creation (which is off on our broker and unwise on anyone's).
 */
public final class TopicSetup {

    private static final long PLUGIN_CALL_RETENTION_MS = 3_600_000;

    private TopicSetup() {
    }

    private static Map<String, String> configOf(String topic, long logRetentionMs, int pluginMessageMaxBytes) {
        if (topic.equals(Topics.LOGS)) {
            return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(logRetentionMs));
        }
        if (topic.equals(Topics.PLUGINS)) {
            // A record is a whole plugin file: the broker's default of about 1 MB is too small.
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(pluginMessageMaxBytes));
        }
        if (topic.equals(Topics.WORKERS)) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (topic.equals(Topics.PLUGIN_REQUESTS) || topic.equals(Topics.PLUGIN_REPLIES)) {
            // Answered within seconds or never: nobody needs an hour-old request or reply. slipway.cancel
            // keeps the broker's default like the stage topics: a cancellation matters as long as the
            // stage it stops may still wait on one.
            return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(PLUGIN_CALL_RETENTION_MS));
        }
        return Map.of();
    }

    /**
     * @param client the service's Kafka client settings (bootstrap servers, security protocol, SASL
     *               login, …); those an admin client does not know are left out
     * @param logRetentionMs how long stage log lines stay on {@link Topics#LOGS}
     * @param pluginMessageMaxBytes the largest record of {@link Topics#PLUGINS}: a plugin file and its headers
     * @return the topics this call created
     */
    public static Set<String> ensure(Map<String, ?> client, int partitions, short replicationFactor,
                                     long logRetentionMs, int pluginMessageMaxBytes) throws InterruptedException, TimeoutException {
        Map<String, Object> settings = new HashMap<>();
        client.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        Object bootstrapServers = settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(settings)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, replicationFactor).configs(configOf(t, logRetentionMs, pluginMessageMaxBytes)))
                    .toList();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return missing.stream().map(NewTopic::name).collect(java.util.stream.Collectors.toSet());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }
}
