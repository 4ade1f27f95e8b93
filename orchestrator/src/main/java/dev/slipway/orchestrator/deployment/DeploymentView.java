package dev.slipway.orchestrator.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.api.event.PluginVersion;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.workflow.DeploymentState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A deployment as the API shows it; {@code position} only while it is QUEUED: how many of the app's
 * deployments are ahead of it (1: it runs next).
 */
public record DeploymentView(UUID id, String app, DeploymentState state,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Integer position, int attempt, Integer release,
                             List<String> urls, String error, Instant createdAt, Instant updatedAt,
                             List<StageView> stages) {

    /** @param plugins the plugin versions its worker used: the chosen strategy's, or the hook point's subscribers' */
    public record StageView(String stage, String strategy, String reason, int attempt, String state, Instant startedAt,
                            Instant finishedAt, String error, List<PluginVersion> plugins) {
    }

    /** The short form used in lists. */
    public record Summary(UUID id, DeploymentState state, Integer release, Instant createdAt) {
        public static Summary of(Deployment d) {
            return new Summary(d.id, d.state, d.release, d.createdAt);
        }
    }

    public static DeploymentView of(Deployment d, Integer position, List<DeploymentStage> stages) {
        List<String> urls = d.urls();
        return new DeploymentView(d.id, d.app, d.state, position, d.attempt, d.release, urls, d.error, d.createdAt, d.updatedAt,
                stages.stream()
                        .sorted(Comparator.comparing(s -> s.startedAt))
                        .map(s -> new StageView(s.stage, s.strategy, s.reason, s.attempt, s.state, s.startedAt,
                                s.finishedAt, s.error, s.plugins == null ? List.of()
                                : EventCodec.readStored(s.plugins, new TypeReference<List<PluginVersion>>() { })))
                        .toList());
    }
}
