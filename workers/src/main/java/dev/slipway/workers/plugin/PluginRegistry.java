package dev.slipway.workers.plugin;

import dev.slipway.api.Builder;
import dev.slipway.api.Deployer;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.Strategy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jboss.logging.Logger;

/**
 * Every strategy this worker knows, found through {@link ServiceLoader}. A provider that cannot be
 * loaded is reported and left out; it never stops the worker.
 */
@ApplicationScoped
public class PluginRegistry {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class);

    private final List<Builder> builders = load(Builder.class);
    private final List<LanguageToolchain> toolchains = load(LanguageToolchain.class);
    private final List<Deployer> deployers = load(Deployer.class);
    private final List<ProxyStrategy> proxies = load(ProxyStrategy.class);
    private final List<LifecycleHook> hooks = load(LifecycleHook.class);

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

    static <T extends Strategy> List<T> load(Class<T> kind) {
        List<T> found = new ArrayList<>();
        Iterator<T> providers = ServiceLoader.load(kind, PluginRegistry.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                found.add(providers.next());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.errorf("a %s provider cannot be loaded and is skipped: %s", kind.getSimpleName(), e);
            }
        }
        found.sort(Comparator.comparingInt(Strategy::priority).reversed().thenComparing(Strategy::name));
        LOG.infof("%s strategies: %s", kind.getSimpleName(), found.stream().map(Strategy::name).toList());
        return List.copyOf(found);
    }
}
