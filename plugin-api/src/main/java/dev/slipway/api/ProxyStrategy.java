package dev.slipway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** The setting {@code listen-port} (default 8080) of proxy {@code plugin}, checked: the port apps are served on. */
    static int listenPort(Map<String, String> config, String plugin) throws StageException {
        String text = config.getOrDefault("listen-port", "8080").strip();
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new StageException(plugin + " proxy setting listen-port \"" + text + "\" is not a port number (1-65535),"
                + " e.g. slipway.plugins." + plugin + ".listen-port=8080");
    }

    /** E.g. {@code http://hello.example.com:8080/} for each domain, with no port when it is 80. */
    static List<String> httpUrls(List<String> domains, int port) {
        List<String> urls = new ArrayList<>();
        for (String domain : domains) {
            urls.add("http://" + domain + (port == 80 ? "" : ":" + port) + "/");
        }
        return urls;
    }
}
