package dev.slipway.workers.plugin;

import java.util.Map;
import java.util.UUID;

/**
 * What an executable plugin may reach of the host while one call of it runs (its storage, its
 * deployment's metadata): environment variables that name an endpoint and a credential valid for
 * that call alone, revoked when the call ends.
 */
public interface HostAccess {

    /** A grant for one call; closing it revokes the credential. */
    interface Grant extends AutoCloseable {

        Map<String, String> env();

        @Override
        void close();
    }

    /**
     * @param plugin       the plugin's name: what it may reach is its own and nothing else
     * @param deploymentId the deployment the call is for, or {@code null} for none
     */
    Grant open(String plugin, UUID deploymentId);

    /** No host services: the plugin gets no variables. */
    static HostAccess none() {
        return (plugin, deploymentId) -> new Grant() {
            @Override
            public Map<String, String> env() {
                return Map.of();
            }

            @Override
            public void close() {
            }
        };
    }
}
