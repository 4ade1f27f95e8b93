package dev.slipway.workers.plugin;

import dev.slipway.api.Builder;
import dev.slipway.api.Deployer;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.OsSupport;
import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.Strategy;
import dev.slipway.api.StrategySelector;
import dev.slipway.api.event.PluginVersion;
import dev.slipway.messaging.WorkerAnnounced;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The strategies one stage uses, taken when it starts and kept to its end, whatever is installed
 * meanwhile: the worker's current plugins, except that each plugin the deployment pins is there in
 * exactly its pinned version. A pinned version this worker does not have leaves the plugin's
 * current strategies in place only to be refused: a stage that picks one fails, naming the plugin
 * and the checksum. {@link #close} lets the versions go, so a replaced one can be dropped.
 */
public final class StagePlugins implements AutoCloseable {

    /** Where a strategy of this stage came from: its plugin's version and its settings. */
    private record Origin(PluginVersion plugin, WorkerAnnounced.Origin from, Map<String, String> settings, int priority) {
    }

    private final PluginRegistry registry;
    private final Map<StrategyKind, List<Strategy>> byKind = new LinkedHashMap<>();
    private final Map<Strategy, Origin> origins = new IdentityHashMap<>();
    /** The current strategies of a plugin pinned to a version this worker does not have, and why they may not run. */
    private final Map<Strategy, String> unavailable = new IdentityHashMap<>();
    private final Runnable release;
    private final boolean missesPins;
    private boolean closed;

    /**
     * @param pinned      plugin name → its pinned version alone, in place of the current one
     * @param unavailable plugin name → why its pinned version cannot be had here
     */
    StagePlugins(PluginRegistry registry, PluginSet current, Map<String, PluginSet> pinned,
                 Map<String, String> unavailable, Runnable release) {
        this.registry = registry;
        this.release = release;
        this.missesPins = !unavailable.isEmpty();
        for (StrategyKind kind : StrategyKind.values()) {
            List<Strategy> strategies = new ArrayList<>();
            for (Strategy strategy : current.<Strategy>of(kind)) {
                String plugin = current.pluginOf(strategy);
                if (!pinned.containsKey(plugin)) {
                    strategies.add(strategy);
                    origins.put(strategy, origin(current, plugin, strategy));
                    if (unavailable.containsKey(plugin)) {
                        this.unavailable.put(strategy, unavailable.get(plugin));
                    }
                }
            }
            pinned.forEach((plugin, alone) -> alone.<Strategy>of(kind).forEach(strategy -> {
                strategies.add(strategy);
                origins.put(strategy, origin(alone, plugin, strategy));
            }));
            strategies.sort(Comparator.comparingInt((Strategy s) -> origins.get(s).priority()).reversed()
                    .thenComparing(Strategy::name));
            byKind.put(kind, List.copyOf(strategies));
        }
    }

    private static Origin origin(PluginSet set, String plugin, Strategy strategy) {
        WorkerAnnounced.Plugin d = set.description(plugin);
        return new Origin(new PluginVersion(plugin, d.version(), d.checksum()), d.origin(), set.settings(strategy),
                set.priority(strategy));
    }

    /**
     * {@link PluginRegistry#select}'s choice among this stage's strategies, refused when the chosen
     * one is of a plugin whose pinned version is not here; its log says which plugin version it is.
     */
    public <T extends Strategy> StrategySelector.Selection<T> select(String kind, List<T> candidates, String configured,
                                                                     Predicate<T> accepts, String subject, StageLog log)
            throws StageException {
        StrategySelector.Selection<T> chosen = registry.choose(kind, candidates, configured, accepts, subject, log);
        check(chosen.strategy());
        provenance(chosen.strategy()).ifPresent(log::line);
        return chosen;
    }

    /** For the stage log: which installed plugin, at which version and checksum, {@code strategy} is; none for a built-in. */
    public Optional<String> provenance(Strategy strategy) {
        Origin origin = origins.get(strategy);
        if (origin == null || origin.from() == WorkerAnnounced.Origin.BUILT_IN || origin.plugin().checksum() == null) {
            return Optional.empty();
        }
        PluginVersion plugin = origin.plugin();
        return Optional.of(strategy.name() + " is plugin " + plugin.name() + " " + plugin.version() + " (" + origin.from()
                + ", sha256 " + plugin.checksum().substring(0, Math.min(12, plugin.checksum().length())) + ")");
    }

    /** {@link PluginRegistry#accepts}, for the stages that run every strategy that accepts (hooks). */
    public <T extends Strategy> boolean accepts(String kind, T strategy, Predicate<T> accepts) {
        return registry.accepts(kind, strategy, accepts);
    }

    /** Whether a pinned plugin version is not to be had on this worker. */
    boolean missesPins() {
        return missesPins;
    }

    /** @throws StageException when {@code strategy}'s plugin is pinned to a version this worker does not have */
    public void check(Strategy strategy) throws StageException {
        String why = unavailable.get(strategy);
        if (why != null) {
            throw new StageException(why);
        }
    }

    /** The plugin version {@code strategy} is of, or null for one this stage was not given. */
    public PluginVersion used(Strategy strategy) {
        Origin origin = origins.get(strategy);
        return origin == null ? null : origin.plugin();
    }

    /** The settings {@code strategy} reads from {@code StageContext.config()}. */
    public Map<String, String> settings(Strategy strategy) {
        Origin origin = origins.get(strategy);
        return origin == null || origin.settings() == null ? registry.settings(strategy) : origin.settings();
    }

    @SuppressWarnings("unchecked")
    private <T extends Strategy> List<T> of(StrategyKind kind) {
        return (List<T>) byKind.get(kind);
    }

    public List<Builder> builders() {
        return of(StrategyKind.BUILDER);
    }

    public List<LanguageToolchain> toolchains() {
        return of(StrategyKind.TOOLCHAIN);
    }

    public List<Deployer> deployers() {
        return of(StrategyKind.DEPLOYER);
    }

    public List<ProxyStrategy> proxies() {
        return of(StrategyKind.PROXY);
    }

    public List<LifecycleHook> hooks() {
        return of(StrategyKind.HOOK);
    }

    public List<OsSupport> osSupports() {
        return of(StrategyKind.OS);
    }

    /** The stage is over: the versions it held may be dropped once nothing else needs them. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release.run();
        }
    }
}
