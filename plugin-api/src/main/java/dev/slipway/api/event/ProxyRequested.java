package dev.slipway.api.event;

import dev.slipway.api.DeploymentInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Route the app's domains to this release. */
public record ProxyRequested(UUID deploymentId, String app, int attempt, DeploymentInfo release, List<String> domains,
                             Map<String, String> pins) implements Command {

    public ProxyRequested {
        domains = List.copyOf(domains);
        pins = Command.pinsOf(pins);
    }

    public ProxyRequested(UUID deploymentId, String app, int attempt, DeploymentInfo release, List<String> domains) {
        this(deploymentId, app, attempt, release, domains, Map.of());
    }

    @Override
    public ProxyRequested pinned(Map<String, String> pins) {
        return new ProxyRequested(deploymentId, app, attempt, release, domains, pins);
    }

    @Override
    public String topic() {
        return Topics.PROXY;
    }
}
