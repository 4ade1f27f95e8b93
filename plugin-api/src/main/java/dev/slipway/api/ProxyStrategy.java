package dev.slipway.api;

import java.util.List;

/** Puts releases behind the server's one reverse proxy. Chosen by server configuration, not per app. */
public interface ProxyStrategy extends Strategy {

    /**
     * Routes the context's domains to the release. Either the new routing is live when this returns,
     * or the previous routing is still in place and this throws.
     */
    void configure(DeploymentInfo release, ProxyContext context) throws StageException;

    /** Where users reach the app through this proxy: one URL per domain of the context. */
    List<String> urls(ProxyContext context) throws StageException;

    /** Removes every route of the app. */
    void remove(String app, ProxyContext context) throws StageException;
}
