package dev.slipway.workers.plugin;

import dev.slipway.api.Setting;
import dev.slipway.api.Strategy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Each plugin's settings from the worker's configuration: {@code slipway.plugins.<name>.<key>}
 * (or {@code SLIPWAY_PLUGINS_<NAME>_<KEY>}) for exactly the keys the plugin declares, with its
 * defaults. The host knows no plugin by name: what a plugin reads, it says itself.
 */
public final class PluginSettings {

    static final String PREFIX = "slipway.plugins.";

    private final Function<String, Optional<String>> lookup;

    /** @param lookup a configuration property by name */
    public PluginSettings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /**
     * The plugin's settings, defaults filled in; a key with neither a value nor a default is absent.
     *
     * @throws IllegalArgumentException naming the property, when a value is not of its setting's type
     */
    public Map<String, String> of(Strategy plugin) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting setting : plugin.settings()) {
            String property = PREFIX + plugin.name() + "." + setting.key();
            Optional<String> value = lookup.apply(property).map(String::strip);
            if (value.isPresent()) {
                String problem = setting.problem(value.get());
                if (problem != null) {
                    throw new IllegalArgumentException(property + "=\"" + value.get() + "\" " + problem + " ("
                            + setting.description() + ")");
                }
                values.put(setting.key(), value.get());
            } else if (setting.defaultValue() != null) {
                values.put(setting.key(), setting.defaultValue());
            }
        }
        return Map.copyOf(values);
    }
}
