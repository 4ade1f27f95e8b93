package dev.slipway.api.event;

import java.util.List;
import java.util.UUID;

/** The deployment is live as release {@code release}. Terminal. */
public record DeploymentSucceeded(UUID deploymentId, String app, int attempt, int release, List<String> urls) implements DeploymentEvent {

    public DeploymentSucceeded {
        urls = List.copyOf(urls);
    }
}
