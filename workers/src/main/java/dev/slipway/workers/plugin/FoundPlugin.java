package dev.slipway.workers.plugin;

import dev.slipway.api.Strategy;
import dev.slipway.messaging.WorkerAnnounced;
import java.util.List;

/**
 * One plugin as a worker found it: what it is (as the worker announces it) and, when loaded, its
 * strategies.
 *
 * @param description what the worker tells the orchestrator of it: name, origin, version, checksum, status
 * @param strategies  the strategies it provides; empty when refused
 */
public record FoundPlugin(WorkerAnnounced.Plugin description, List<Strategy> strategies) {

    public FoundPlugin {
        strategies = List.copyOf(strategies);
    }

    public String name() {
        return description.name();
    }

    public boolean loaded() {
        return description.status() == WorkerAnnounced.Status.LOADED;
    }

    /** The same plugin, refused for {@code problem}: it provides nothing. */
    public FoundPlugin refused(String problem) {
        return new FoundPlugin(description.with(WorkerAnnounced.Status.REFUSED, problem, List.of()), List.of());
    }
}
