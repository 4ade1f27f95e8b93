package dev.slipway.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A worker saying what it is and what it can do, on {@code slipway.workers}, at start and then
 * periodically; the latest per worker stays on the compacted topic.
 *
 * @param roles   the stage roles it consumes: build, deploy, proxy, hook
 * @param plugins every strategy it has loaded
 */
public record WorkerAnnounced(String worker, List<String> roles, List<Plugin> plugins, Instant at) {

    /**
     * @param kind    builder, toolchain, deployer, proxy or hook
     * @param source  where it was loaded from (the jar), so operators can tell bundled from added
     * @param version the jar's Implementation-Version, or "unknown"
     */
    public record Plugin(String kind, String name, int priority, String source, String version) {
        public Plugin {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }

    public WorkerAnnounced {
        Objects.requireNonNull(worker, "worker");
        roles = List.copyOf(roles);
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(at, "at");
    }
}
