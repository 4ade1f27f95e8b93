package dev.slipway.api.event;

import java.util.UUID;

/** Take every route of the app off the proxy: the app is being deleted. */
public record ProxyRemovalRequested(UUID deploymentId, String app, int attempt) implements Command {

    @Override
    public String topic() {
        return Topics.PROXY;
    }
}
