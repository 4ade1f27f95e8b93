package dev.slipway.workers.plugin;

import dev.slipway.api.Builder;
import dev.slipway.api.Deployer;
import dev.slipway.api.HttpExtension;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.Strategy;
import dev.slipway.api.StrategySelector;
import dev.slipway.messaging.WorkerAnnounced;
import dev.slipway.workers.WorkerConfig;
import dev.slipway.workers.isolation.Isolation;
import dev.slipway.workers.isolation.PluginBoxes;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Every plugin this worker has: the built-in ones on its class path, and those in its plugins
 * directory ({@code slipway.plugins-dir}), which it looks at every few seconds: a plugin added
 * there is used by the next stage, one removed is not, without a restart. Each is loaded, or
 * refused and reported (the log, and the worker's announcement); a broken plugin never stops the
 * worker. Stages ask for the strategies when they start, and keep what they got.
 */
@ApplicationScoped
public class PluginRegistry {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class);

    /** Whoever must hear that the plugins changed: the announcer. */
    public record Changed() {
    }

    private final PluginSettings reader;
    private final Path directory;
    private final List<PluginLoader> loaders;
    private final Runnable onChange;
    private final List<FoundPlugin> builtIn;
    /** What each entry of the directory was when it was last loaded, and what it gave. */
    private final Map<Path, Loaded> entries = new HashMap<>();
    private volatile PluginSet current;
    /** The last failure of each loaded plugin, by name: reported, not held against it. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Duration acceptTimeout;
    /** Per strategy, its accept() calls that were given up on and have not returned; weakly, so a removed plugin can go. */
    private final Map<Strategy, AtomicInteger> overdueAccepts = new java.util.WeakHashMap<>();
    /** The versions of the directory's plugins loaded now, and those replaced that a stage may still use. */
    private final PluginVersions versions;
    private final PinnedVersions pinned;
    private final Duration pinWait;

    private record Loaded(Object stamp, FoundPlugin plugin) {
    }

    @Inject
    public PluginRegistry(Config config, WorkerConfig workers, Event<Changed> changed, Isolation isolation,
                          HostAccess host) {
        this(new PluginSettings(name -> config.getOptionalValue(name, String.class)), workers.pluginsDir(),
                workers.pluginsAcceptTimeout(), () -> changed.fire(new Changed()),
                new ExecutablePlugins(new PluginCalls(isolation.plugins(), host), workers.pluginsQuickCallTimeout(),
                        workers.pluginsCallTimeout()), workers.home().resolve("plugin-jars"),
                new PluginVersions(workers.pluginsRetiredGrace(), Clock.systemUTC()), workers.pluginsPinWait());
    }

    /** Executable plugins unisolated, copies and homes in the plugins directory's {@code .host}: for tests. */
    PluginRegistry(PluginSettings reader, Path directory, Duration acceptTimeout, Runnable onChange) {
        this(reader, directory, acceptTimeout, onChange, new PluginVersions(Duration.ZERO, Clock.systemUTC()), Duration.ZERO);
    }

    /** As above, with {@code versions} deciding when a replaced version is dropped, and a stage's {@code pinWait}: for tests. */
    PluginRegistry(PluginSettings reader, Path directory, Duration acceptTimeout, Runnable onChange,
                   PluginVersions versions, Duration pinWait) {
        this(reader, directory, acceptTimeout, onChange, new ExecutablePlugins(new PluginCalls(
                PluginBoxes.unisolated(directory.resolve(".host")), HostAccess.none()), Duration.ofSeconds(5),
                Duration.ofMinutes(1)), directory.resolve(".host").resolve("plugin-jars"), versions, pinWait);
    }

    /**
     * @param keptJars where jar plugins are copied by checksum, and loaded from
     * @param pinWait  how long a stage waits for a pinned version that is not here (yet)
     */
    PluginRegistry(PluginSettings reader, Path directory, Duration acceptTimeout, Runnable onChange,
                   ExecutablePlugins executables, Path keptJars, PluginVersions versions, Duration pinWait) {
        this.reader = reader;
        this.pinWait = pinWait;
        this.acceptTimeout = acceptTimeout;
        this.directory = directory;
        this.onChange = onChange;
        this.versions = versions;
        this.loaders = List.of(new JarPlugins(PluginRegistry.class.getClassLoader(), acceptTimeout, keptJars), executables);
        this.builtIn = builtIn(PluginRegistry.class.getClassLoader());
        this.pinned = new PinnedVersions(versions, loaders, reader);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            LOG.warnf("the plugins directory %s cannot be made: %s", directory, e.getMessage());
        }
        scan();
    }

    /** Looks at the plugins directory again; loads what is new or changed there, drops what is gone. */
    @Scheduled(every = "${slipway.plugins-scan-every:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void scan() {
        Map<Path, Object> now = stamps();
        if (current != null && now.keySet().equals(entries.keySet())
                && now.entrySet().stream().allMatch(e -> e.getValue().equals(entries.get(e.getKey()).stamp()))) {
            versions.sweep();
            return;
        }
        Map<Path, Loaded> loaded = new TreeMap<>();
        now.forEach((entry, stamp) -> {
            Loaded before = entries.get(entry);
            if (before != null && before.stamp().equals(stamp)) {
                loaded.put(entry, before);
            } else {
                FoundPlugin plugin = loaderOf(entry).load(entry);
                failures.remove(plugin.name());
                loaded.put(entry, new Loaded(stamp, plugin));
            }
        });
        List<FoundPlugin> found = new ArrayList<>(builtIn);
        loaded.values().forEach(l -> found.add(l.plugin()));
        PluginSet next;
        try {
            next = new PluginSet(found, reader);
        } catch (RuntimeException | LinkageError e) {
            // Only a plugin whose name() or priority() answers differently when asked again gets here.
            LOG.errorf("the changed plugins cannot be used, the worker keeps the ones it has: %s", e);
            return;
        }
        entries.clear();
        entries.putAll(loaded);
        versions.current(directoryPlugins());
        report(next);
        boolean first = current == null;
        current = next;
        failures.keySet().retainAll(next.descriptions().stream().map(WorkerAnnounced.Plugin::name).toList());
        if (!first) {
            onChange.run();
        }
    }

    /** What each entry of the directory is now: its size and time, of each jar for a directory. */
    private Map<Path, Object> stamps() {
        Map<Path, Object> stamps = new LinkedHashMap<>();
        try (Stream<Path> listed = Files.list(directory)) {
            for (Path entry : listed.sorted().toList()) {
                if (!entry.getFileName().toString().startsWith(".") && loaderOf(entry) != null) {
                    try {
                        stamps.put(entry, stamp(entry));
                    } catch (IOException e) {
                        // Loaded, it will be refused and say why; left out, it would take the next ones with it.
                        stamps.put(entry, "unreadable: " + e);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debugf("the plugins directory %s cannot be listed: %s", directory, e.getMessage());
        }
        return stamps;
    }

    private static Object stamp(Path entry) throws IOException {
        List<Object> parts = new ArrayList<>();
        // Only the jars: a plugin that writes a file beside them is not loaded again for it.
        for (Path file : JarPlugins.jars(entry)) {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            // Whether it may be run too: an executable plugin made runnable after it was put there is loaded again.
            parts.add(List.of(file.getFileName().toString(), attributes.size(), attributes.lastModifiedTime(),
                    Files.isExecutable(file)));
        }
        return parts;
    }

    private PluginLoader loaderOf(Path entry) {
        return loaders.stream().filter(l -> l.claims(entry)).findFirst().orElse(null);
    }

    private static void report(PluginSet set) {
        for (WorkerAnnounced.Plugin plugin : set.descriptions()) {
            if (plugin.status() == WorkerAnnounced.Status.REFUSED) {
                LOG.errorf("plugin %s (%s) is refused: %s", plugin.name(), plugin.source(), plugin.problem());
            }
        }
        LOG.infof("plugins: %s", set.descriptions().stream().filter(p -> p.status() == WorkerAnnounced.Status.LOADED)
                .map(p -> p.name() + " " + p.version()).toList());
    }

    /**
     * The built-in strategies, one plugin per jar they came in. A provider that cannot be made is
     * logged and left out: there is no file of it to report.
     */
    static List<FoundPlugin> builtIn(ClassLoader loader) {
        Map<String, List<Strategy>> byJar = new TreeMap<>();
        Map<String, String> versions = new HashMap<>();
        for (StrategyKind kind : StrategyKind.values()) {
            Iterator<? extends Strategy> providers = ServiceLoader.load(kind.type, loader).iterator();
            while (true) {
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    Strategy strategy = providers.next();
                    String source = source(strategy);
                    byJar.computeIfAbsent(source, s -> new ArrayList<>()).add(strategy);
                    versions.put(source, Objects.requireNonNullElse(
                            strategy.getClass().getPackage().getImplementationVersion(), "unknown"));
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    LOG.errorf("a built-in %s cannot be loaded and is skipped: %s", kind.label, e);
                }
            }
        }
        List<FoundPlugin> found = new ArrayList<>();
        byJar.forEach((source, strategies) -> found.add(new FoundPlugin(new WorkerAnnounced.Plugin(
                pluginName(source), WorkerAnnounced.Origin.BUILT_IN, source, versions.get(source),
                null, WorkerAnnounced.Status.LOADED, null, List.of()), StrategyKind.distinct(strategies))));
        return found;
    }

    private static String source(Strategy strategy) {
        var codeSource = strategy.getClass().getProtectionDomain().getCodeSource();
        if (codeSource == null || codeSource.getLocation() == null) {
            return "unknown";
        }
        Path location = Path.of(codeSource.getLocation().getPath());
        return location.getFileName() == null ? location.toString() : location.getFileName().toString();
    }

    /** {@code dev.slipway.proxy-nginx-0.1.0.jar} → {@code proxy-nginx}: the jar's name without version and group. */
    static String pluginName(String source) {
        String name = JarPlugins.defaultName(source);
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Every plugin found, loaded or refused, as the worker announces them, with the last failure of a loaded one. */
    public List<WorkerAnnounced.Plugin> descriptions() {
        return current.descriptions().stream().map(p -> {
            String failure = failures.get(p.name());
            return failure == null || p.status() != WorkerAnnounced.Status.LOADED ? p
                    : p.with(p.status(), failure, p.provides());
        }).toList();
    }

    /**
     * The strategies a stage of a deployment with {@code pins} (plugin name → checksum) uses: the
     * current ones, each pinned plugin in its pinned version: the current one when it has that
     * checksum, else a replaced one still loaded, else one loaded again from the copy this worker
     * kept. A version this worker never had is said in {@code log}, and fails the stage that picks
     * the plugin. The stage closes what it gets when it ends.
     */
    public StagePlugins forStage(Map<String, String> pins, StageLog log) {
        long deadline = System.nanoTime() + pinWait.toNanos();
        while (true) {
            List<String> said = new ArrayList<>();
            StagePlugins stage;
            synchronized (this) {
                stage = pinned.stage(this, current, directoryPlugins(), pins, said::add);
            }
            long left = deadline - System.nanoTime();
            if (!stage.missesPins() || left <= 0 || Thread.currentThread().isInterrupted()) {
                said.forEach(log::line);
                return stage;
            }
            // A version installed just before the deployment was accepted may still be on its way here.
            stage.close();
            try {
                Thread.sleep(Math.max(1, Math.min(500, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scan();
        }
    }

    /** The loaded plugins of the plugins directory, as the last scan made them. */
    private List<FoundPlugin> directoryPlugins() {
        return entries.values().stream().map(Loaded::plugin).filter(FoundPlugin::loaded).toList();
    }

    /**
     * {@link StrategySelector#select}, with each {@code accept()} given {@link #acceptTimeout} to
     * answer. One that throws or does not answer is skipped for this choice, said in the stage log,
     * and reported as its plugin's last failure; it stays loaded, as the next tree may suit it.
     */
    <T extends Strategy> StrategySelector.Selection<T> choose(String kind, List<T> candidates, String configured,
                                                              Predicate<T> accepts, String subject, StageLog log)
            throws StageException {
        return StrategySelector.select(kind, candidates, configured, strategy -> ask(kind, strategy, accepts), subject, log);
    }

    /**
     * Asks one strategy's {@code accept()} as {@link #select} does, for the stages that run every
     * strategy that accepts (hooks). One that throws or does not answer in time becomes its plugin's
     * last failure and an {@link IllegalStateException} saying what it did.
     */
    public <T extends Strategy> boolean accepts(String kind, T strategy, Predicate<T> accepts) {
        return ask(kind, strategy, accepts);
    }

    private <T extends Strategy> boolean ask(String kind, T strategy, Predicate<T> accepts) {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        AtomicInteger overdue;
        synchronized (overdueAccepts) {
            overdue = overdueAccepts.computeIfAbsent(strategy, s -> new AtomicInteger());
        }
        if (overdue.get() > 0) {
            // At most one thread per strategy is left in an accept() that never returns.
            throw failed(kind, strategy, "an earlier accept() has still not returned");
        }
        // 0 running, 1 returned, 2 given up on and still running.
        AtomicInteger call = new AtomicInteger();
        try {
            return PluginThreads.call(strategy, () -> {
                try {
                    return accepts.test(strategy);
                } finally {
                    if (call.getAndSet(1) == 2) {
                        overdue.decrementAndGet();
                    }
                }
            }, acceptTimeout);
        } catch (TimeoutException e) {
            if (call.compareAndSet(0, 2)) {
                overdue.incrementAndGet();
            }
            throw failed(kind, strategy, "accept() did not answer within " + PluginThreads.describe(acceptTimeout));
        } catch (ExecutionException e) {
            throw failed(kind, strategy, "accept() threw " + e.getCause());
        } catch (InterruptedException e) {
            // The stage is being stopped: it sees the interrupt, the strategy is not blamed.
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private RuntimeException failed(String kind, Strategy strategy, String failure) {
        reportFailure(kind, strategy, failure);
        return new IllegalStateException(failure);
    }

    /** Reports what a loaded strategy did wrong as its plugin's last failure (the log, the announcement). */
    public void reportFailure(String kind, Strategy strategy, String failure) {
        String plugin = pluginOf(strategy);
        if (plugin != null) {
            failures.put(plugin, kind + " " + strategy.name() + ": " + failure + " at " + java.time.Instant.now());
            onChange.run();
        }
        LOG.errorf("%s %s of plugin %s: %s", kind, strategy.name(), plugin, failure);
    }

    /** The name of the plugin {@code strategy} came from, or null if it is not known (any more). */
    public String pluginOf(Strategy strategy) {
        // By its class loader: the set may have changed since the stage took the strategy.
        if (strategy.getClass().getClassLoader() instanceof PluginClassLoader own) {
            return own.plugin();
        }
        String plugin = current.pluginOf(strategy);
        return plugin != null ? plugin : versions.ownerOf(strategy).map(FoundPlugin::name).orElse(null);
    }

    /** What stage logs and failure reasons must never show of the plugins' settings: the values of their secrets. */
    public List<String> secretSettingValues() {
        return current.secretValues();
    }

    /** The settings a strategy of this registry reads from {@code StageContext.config()}. */
    public Map<String, String> settings(Strategy strategy) {
        Map<String, String> settings = current.settings(strategy);
        // A stage that started before its plugin was replaced keeps the strategy it has, and its settings.
        return settings != null ? settings : reader.of(strategy);
    }

    public List<Builder> builders() {
        return current.builders();
    }

    public List<LanguageToolchain> toolchains() {
        return current.toolchains();
    }

    public List<Deployer> deployers() {
        return current.deployers();
    }

    public List<ProxyStrategy> proxies() {
        return current.proxies();
    }

    public List<LifecycleHook> hooks() {
        return current.hooks();
    }

    /** The REST extension of the loaded plugin {@code plugin}, if it has one. */
    public Optional<HttpExtension> httpExtension(String plugin) {
        return current.http(plugin);
    }
}
