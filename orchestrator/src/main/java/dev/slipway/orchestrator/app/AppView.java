package dev.slipway.orchestrator.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.orchestrator.deployment.DeploymentView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An app as the API shows it; {@code deployments} only when one app is asked for. {@code deployOrder}
 * is {@code queue} or {@code supersede}: what a new deployment request does to the ones still waiting.
 */
public record AppView(String name, Instant createdAt, String deployOrder, CurrentRelease currentRelease,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<DeploymentView.Summary> deployments) {

    /**
     * @param state       {@code RUNNING}, or {@code CRASHED} once a process of it crashed too often to be started again
     * @param crashReason why it crashed, while it is {@code CRASHED}
     * @param storage     its persistent directories ({@code [[storage]]}), relative to the app's directory
     */
    public record CurrentRelease(int version, UUID deploymentId, List<String> urls, String state,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String crashReason, List<String> storage) {
    }
}
