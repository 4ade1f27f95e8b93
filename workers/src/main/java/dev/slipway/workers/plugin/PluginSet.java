package dev.slipway.workers.plugin;

import dev.slipway.api.Builder;
import dev.slipway.api.Deployer;
import dev.slipway.api.HookPoints;
import dev.slipway.api.HttpExtension;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.Setting;
import dev.slipway.api.Strategy;
import dev.slipway.messaging.WorkerAnnounced;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plugins a worker uses at one moment, immutable: each found plugin either loaded, with its
 * strategies and their settings, or refused and why. A plugin is refused when one of its
 * strategies is set wrongly, or when its name or one of its strategies is taken by a plugin before
 * it (built-ins come first): a conflict is reported, never a silent override.
 */
final class PluginSet {

    private final List<WorkerAnnounced.Plugin> descriptions;
    private final Map<Strategy, Map<String, String>> settings = new IdentityHashMap<>();
    private final Map<Strategy, String> owners = new IdentityHashMap<>();
    /** Asked once, while a throwing plugin can still be refused for it. */
    private final Map<Strategy, Integer> priorities = new IdentityHashMap<>();
    private final Map<StrategyKind, List<Strategy>> byKind = new LinkedHashMap<>();

    /** @param found in order of precedence */
    PluginSet(List<FoundPlugin> found, PluginSettings reader) {
        Map<String, String> pluginOwners = new HashMap<>();
        Map<String, String> strategyOwners = new HashMap<>();
        List<WorkerAnnounced.Plugin> described = new ArrayList<>();
        for (StrategyKind kind : StrategyKind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        for (FoundPlugin plugin : found) {
            FoundPlugin checked = check(plugin, reader, pluginOwners, strategyOwners);
            described.add(checked.description());
            if (!checked.loaded()) {
                continue;
            }
            pluginOwners.put(checked.name(), checked.description().source());
            for (Strategy strategy : checked.strategies()) {
                for (StrategyKind kind : kindsOf(strategy)) {
                    strategyOwners.put(kind.label + "/" + strategy.name(), checked.name());
                    byKind.get(kind).add(strategy);
                    owners.put(strategy, checked.name());
                }
            }
        }
        byKind.replaceAll((kind, list) -> list.stream()
                .sorted(Comparator.comparingInt((Strategy s) -> priorities.get(s)).reversed()
                        .thenComparing(Strategy::name)).toList());
        this.descriptions = List.copyOf(described);
    }

    private FoundPlugin check(FoundPlugin plugin, PluginSettings reader, Map<String, String> pluginOwners,
                              Map<String, String> strategyOwners) {
        if (!plugin.loaded()) {
            return plugin;
        }
        if (pluginOwners.containsKey(plugin.name())) {
            return plugin.refused("conflict: a plugin named \"" + plugin.name() + "\" is already loaded from "
                    + pluginOwners.get(plugin.name()));
        }
        Map<Strategy, Map<String, String>> read = new IdentityHashMap<>();
        Map<Strategy, Integer> ranks = new IdentityHashMap<>();
        List<WorkerAnnounced.Provided> provides = new ArrayList<>();
        Set<String> own = new HashSet<>();
        for (Strategy strategy : plugin.strategies()) {
            try {
                String problem = StrategyKind.nameProblem(strategy.name());
                if (problem != null) {
                    return plugin.refused(problem);
                }
                for (StrategyKind kind : kindsOf(strategy)) {
                    String key = kind.label + "/" + strategy.name();
                    String owner = strategyOwners.get(key);
                    if (owner != null) {
                        return plugin.refused("conflict: " + kind.label + " \"" + strategy.name()
                                + "\" is already provided by plugin " + owner);
                    }
                    if (kind == StrategyKind.HTTP && !strategy.name().equals(plugin.name())) {
                        // The URL names the plugin: one extension per plugin, found by the plugin's name.
                        return plugin.refused("http extension \"" + strategy.name() + "\" must bear its plugin's name, \""
                                + plugin.name() + "\" (it answers under /api/plugins/" + plugin.name() + "/)");
                    }
                    if (!own.add(key)) {
                        return plugin.refused("conflict: it provides two of " + kind.label + " \"" + strategy.name() + "\"");
                    }
                    provides.add(kind.describe(strategy));
                }
                if (strategy instanceof LifecycleHook hook) {
                    String unknown = pointsProblem(hook);
                    if (unknown != null) {
                        return plugin.refused(unknown);
                    }
                }
                read.put(strategy, reader.of(strategy));
                ranks.put(strategy, strategy.priority());
            } catch (IllegalArgumentException e) {
                return plugin.refused("setting " + e.getMessage());
            } catch (RuntimeException | LinkageError e) {
                return plugin.refused(strategy.getClass().getName() + " failed while describing itself: " + e);
            }
        }
        settings.putAll(read);
        priorities.putAll(ranks);
        WorkerAnnounced.Plugin d = plugin.description();
        return new FoundPlugin(d.with(d.status(), d.problem(), provides), plugin.strategies());
    }

    /** Why a hook's {@code points()} cannot be subscribed to, or null: every point must be one of the catalogue's. */
    private static String pointsProblem(LifecycleHook hook) {
        List<String> points = hook.points();
        if (points == null || points.isEmpty()) {
            return "hook \"" + hook.name() + "\" subscribes to no hook point; known: " + String.join(", ", HookPoints.ALL);
        }
        for (String point : points) {
            if (!HookPoints.ALL.contains(point)) {
                return "hook \"" + hook.name() + "\" subscribes to unknown hook point \"" + point + "\"; known: "
                        + String.join(", ", HookPoints.ALL);
            }
        }
        return null;
    }

    private static List<StrategyKind> kindsOf(Strategy strategy) {
        return Arrays.stream(StrategyKind.values()).filter(k -> k.type.isInstance(strategy)).toList();
    }

    List<WorkerAnnounced.Plugin> descriptions() {
        return descriptions;
    }

    /** What this set found of the plugin named {@code name}, loaded or refused, or null. */
    WorkerAnnounced.Plugin description(String name) {
        return descriptions.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** The priority {@code strategy} gave when it was loaded (asked once). */
    int priority(Strategy strategy) {
        return priorities.get(strategy);
    }

    /** The name of the plugin that provides {@code strategy}, or null if none of this set does. */
    String pluginOf(Strategy strategy) {
        return owners.get(strategy);
    }

    Map<String, String> settings(Strategy strategy) {
        return settings.get(strategy);
    }

    /** The values the operator set for settings of type {@link Setting.Type#SECRET}, of every loaded strategy. */
    List<String> secretValues() {
        List<String> values = new ArrayList<>();
        settings.forEach((strategy, set) -> strategy.settings().stream()
                .filter(setting -> setting.type() == Setting.Type.SECRET && set.get(setting.key()) != null)
                .forEach(setting -> values.add(set.get(setting.key()))));
        return values;
    }

    @SuppressWarnings("unchecked")
    <T extends Strategy> List<T> of(StrategyKind kind) {
        return (List<T>) byKind.get(kind);
    }

    List<Builder> builders() {
        return of(StrategyKind.BUILDER);
    }

    List<LanguageToolchain> toolchains() {
        return of(StrategyKind.TOOLCHAIN);
    }

    List<Deployer> deployers() {
        return of(StrategyKind.DEPLOYER);
    }

    List<ProxyStrategy> proxies() {
        return of(StrategyKind.PROXY);
    }

    List<LifecycleHook> hooks() {
        return of(StrategyKind.HOOK);
    }

    /** The REST extension of plugin {@code plugin}: it bears the plugin's name. */
    Optional<HttpExtension> http(String plugin) {
        return this.<HttpExtension>of(StrategyKind.HTTP).stream().filter(h -> h.name().equals(plugin)).findFirst();
    }
}
