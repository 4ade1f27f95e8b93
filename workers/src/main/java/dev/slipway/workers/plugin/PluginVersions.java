package dev.slipway.workers.plugin;

import dev.slipway.api.Strategy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The versions of plugins-directory plugins this worker has loaded: the current ones, and those
 * replaced or removed since, which a running stage, or a later stage of a deployment pinned to
 * them, may still use. A stage holds what it was given until it ends. A retired version that no
 * stage holds and no stage asked for within the grace period is dropped and its class loader
 * closed; a later stage pinned to it loads it again from the copy kept by its checksum.
 */
final class PluginVersions {

    private static final Logger LOG = Logger.getLogger(PluginVersions.class);

    private final Duration grace;
    private final Clock clock;
    private final Map<FoundPlugin, Version> versions = new IdentityHashMap<>();

    private static final class Version {
        private final FoundPlugin plugin;
        private int holders;
        /** Null while it is current. */
        private Instant retiredAt;
        private Instant lastAsked;

        Version(FoundPlugin plugin) {
            this.plugin = plugin;
        }
    }

    PluginVersions(Duration grace, Clock clock) {
        this.grace = grace;
        this.clock = clock;
    }

    /** Makes {@code loaded} the current versions: the new ones are added, those no longer among them retired. */
    synchronized void current(Collection<FoundPlugin> loaded) {
        Instant now = clock.instant();
        Set<FoundPlugin> current = Collections.newSetFromMap(new IdentityHashMap<>());
        current.addAll(loaded);
        for (FoundPlugin plugin : loaded) {
            versions.computeIfAbsent(plugin, Version::new).retiredAt = null;
        }
        for (Version version : versions.values()) {
            if (!current.contains(version.plugin) && version.retiredAt == null) {
                version.retiredAt = now;
                version.lastAsked = now;
            }
        }
        sweep();
    }

    /** A version loaded again from its kept copy for a pinned stage: retired from the start. */
    synchronized void reloaded(FoundPlugin plugin) {
        Version version = versions.computeIfAbsent(plugin, Version::new);
        version.retiredAt = clock.instant();
        version.lastAsked = version.retiredAt;
    }

    /** The loaded retired version of {@code name} with {@code checksum}, if there is one; it counts as asked for. */
    synchronized Optional<FoundPlugin> retired(String name, String checksum) {
        for (Version version : versions.values()) {
            if (version.retiredAt != null && version.plugin.name().equals(name)
                    && checksum.equals(version.plugin.description().checksum())) {
                version.lastAsked = clock.instant();
                return Optional.of(version.plugin);
            }
        }
        return Optional.empty();
    }

    /** A stage starts using {@code plugins}: none of them is dropped before {@link #release}. */
    synchronized void hold(Collection<FoundPlugin> plugins) {
        for (FoundPlugin plugin : plugins) {
            versions.computeIfAbsent(plugin, Version::new).holders++;
        }
    }

    synchronized void release(Collection<FoundPlugin> plugins) {
        for (FoundPlugin plugin : plugins) {
            Version version = versions.get(plugin);
            if (version != null) {
                version.holders--;
                if (version.retiredAt != null) {
                    version.lastAsked = clock.instant();
                }
            }
        }
        sweep();
    }

    /** Drops each retired version no stage holds and none asked for within the grace period, closing its class loader. */
    synchronized void sweep() {
        Instant now = clock.instant();
        for (Iterator<Version> it = versions.values().iterator(); it.hasNext(); ) {
            Version version = it.next();
            if (version.retiredAt != null && version.holders <= 0 && !version.lastAsked.plus(grace).isAfter(now)) {
                it.remove();
                close(version.plugin);
            }
        }
    }

    /** The loaded version {@code strategy} came from, current or retired, if any. */
    synchronized Optional<FoundPlugin> ownerOf(Strategy strategy) {
        return versions.keySet().stream().filter(p -> p.strategies().stream().anyMatch(s -> s == strategy)).findFirst();
    }

    private static void close(FoundPlugin plugin) {
        plugin.strategies().stream().map(s -> s.getClass().getClassLoader()).distinct()
                .filter(PluginClassLoader.class::isInstance).map(PluginClassLoader.class::cast).forEach(loader -> {
                    try {
                        loader.close();
                    } catch (IOException e) {
                        LOG.debugf("the class loader of plugin %s did not close cleanly: %s", plugin.name(), e.getMessage());
                    }
                });
        LOG.infof("plugin %s %s (sha256 %s), replaced or removed, is used by no stage any more: dropped", plugin.name(),
                plugin.description().version(), plugin.description().checksum());
    }
}
