package dev.slipway.workers.plugin;

import dev.slipway.api.Builder;
import dev.slipway.api.Deployer;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.Strategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Every strategy this worker knows, found through {@link ServiceLoader}, each with its settings. A
 * provider that cannot be loaded, or whose settings are wrong, is reported and left out; it never
 * stops the worker.
 */
@ApplicationScoped
public class PluginRegistry {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class);

    private final Map<Strategy, Map<String, String>> settings = new IdentityHashMap<>();
    private final List<Builder> builders;
    private final List<LanguageToolchain> toolchains;
    private final List<Deployer> deployers;
    private final List<ProxyStrategy> proxies;
    private final List<LifecycleHook> hooks;

    @Inject
    public PluginRegistry(Config config) {
        this(new PluginSettings(name -> config.getOptionalValue(name, String.class)));
    }

    PluginRegistry(PluginSettings reader) {
        this.builders = load(Builder.class, reader, settings);
        this.toolchains = load(LanguageToolchain.class, reader, settings);
        this.deployers = load(Deployer.class, reader, settings);
        this.proxies = load(ProxyStrategy.class, reader, settings);
        this.hooks = load(LifecycleHook.class, reader, settings);
    }

    /** The settings a strategy of this registry reads from {@code StageContext.config()}. */
    public Map<String, String> settings(Strategy strategy) {
        return settings.getOrDefault(strategy, Map.of());
    }

    public List<Builder> builders() {
        return builders;
    }

    public List<LanguageToolchain> toolchains() {
        return toolchains;
    }

    public List<Deployer> deployers() {
        return deployers;
    }

    public List<ProxyStrategy> proxies() {
        return proxies;
    }

    public List<LifecycleHook> hooks() {
        return hooks;
    }

    /** The providers of {@code kind}, each with its settings read into {@code settings}. */
    static <T extends Strategy> List<T> load(Class<T> kind, PluginSettings reader, Map<Strategy, Map<String, String>> settings) {
        List<T> found = new ArrayList<>();
        Iterator<T> providers = ServiceLoader.load(kind, PluginRegistry.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                T plugin = providers.next();
                settings.put(plugin, reader.of(plugin));
                found.add(plugin);
            } catch (IllegalArgumentException e) {
                LOG.errorf("a %s is skipped: its setting %s", kind.getSimpleName(), e.getMessage());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.errorf("a %s provider cannot be loaded and is skipped: %s", kind.getSimpleName(), e);
            }
        }
        found.sort(Comparator.comparingInt(Strategy::priority).reversed().thenComparing(Strategy::name));
        LOG.infof("%s strategies: %s", kind.getSimpleName(), found.stream().map(Strategy::name).toList());
        return List.copyOf(found);
    }
}
