package dev.slipway.api.event;

import java.util.List;
import java.util.UUID;

/** The proxy now routes the app's domains to the new release, reachable at {@code urls}. */
public record ProxyConfigured(UUID deploymentId, String app, int attempt, List<String> urls) implements StageEvent {

    public ProxyConfigured {
        urls = List.copyOf(urls);
    }
}
