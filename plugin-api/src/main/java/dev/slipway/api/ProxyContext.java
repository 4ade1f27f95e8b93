package dev.slipway.api;

import java.util.List;

/** What a {@link ProxyStrategy} gets: the host names an app answers to. */
public interface ProxyContext extends StageContext {

    /** Host names to route to the app: {@code <app>.<base domain>} first, then the app's own domains. */
    List<String> domains();
}
