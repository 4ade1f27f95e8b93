package dev.slipway.workers.plugin;

import dev.slipway.api.Builder;
import dev.slipway.api.Deployer;
import dev.slipway.api.HttpExtension;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.OsSupport;
import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.Strategy;
import dev.slipway.api.config.Names;
import dev.slipway.messaging.WorkerAnnounced;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The kinds of strategy a plugin can provide, by the name the announcements and the API use. */
enum StrategyKind {
    BUILDER("builder", Builder.class),
    TOOLCHAIN("toolchain", LanguageToolchain.class),
    DEPLOYER("deployer", Deployer.class),
    PROXY("proxy", ProxyStrategy.class),
    HOOK("hook", LifecycleHook.class),
    /** Install plans for the programs toolchains run, by operating system. */
    OS("os", OsSupport.class),
    /** A REST extension, answering under /api/plugins/<plugin>/: it bears its plugin's name. */
    HTTP("http", HttpExtension.class);

    final String label;
    final Class<? extends Strategy> type;

    StrategyKind(String label, Class<? extends Strategy> type) {
        this.label = label;
        this.type = type;
    }

    /**
     * Every provider of this kind that {@code loader} lists, instantiated.
     *
     * @throws java.util.ServiceConfigurationError, RuntimeException or LinkageError from a broken provider
     */
    List<Strategy> providers(ClassLoader loader) {
        List<Strategy> found = new ArrayList<>();
        Iterator<? extends Strategy> providers = ServiceLoader.load(type, loader).iterator();
        while (providers.hasNext()) {
            found.add(providers.next());
        }
        return found;
    }

    /** The strategies, each once: one that is of two kinds is listed by the service loader for both. */
    static List<Strategy> distinct(List<Strategy> strategies) {
        Map<Class<?>, Strategy> byClass = new LinkedHashMap<>();
        strategies.forEach(s -> byClass.putIfAbsent(s.getClass(), s));
        return List.copyOf(byClass.values());
    }

    /** What the announcement says a strategy of this kind provides. */
    WorkerAnnounced.Provided describe(Strategy strategy) {
        return new WorkerAnnounced.Provided(label, strategy.name(), strategy.priority(), strategy.settings().stream()
                .map(s -> new WorkerAnnounced.SettingInfo(s.key(), s.type().name(), s.defaultValue(), s.description()))
                .toList(), strategy instanceof LifecycleHook hook ? hook.points() : List.of());
    }

    /** Why {@code name} cannot name a strategy (it names settings and is written in slipway.toml), or null. */
    static String nameProblem(String name) {
        return name != null && Names.STRATEGY.matcher(name).matches() ? null
                : "strategy name \"" + name + "\" is not a lower-case name of at most 63 letters, digits and '-'";
    }
}
