package dev.slipway.api.event;

import dev.slipway.api.DeploymentInfo;
import java.util.List;
import java.util.UUID;

/** Route the app's domains to this release. */
public record ProxyRequested(UUID deploymentId, String app, int attempt, DeploymentInfo release, List<String> domains) implements Command {

    public ProxyRequested {
        domains = List.copyOf(domains);
    }

    @Override
    public String topic() {
        return Topics.PROXY;
    }
}
