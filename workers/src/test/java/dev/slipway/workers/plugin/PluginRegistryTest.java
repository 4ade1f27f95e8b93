package dev.slipway.workers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.Builder;
import dev.slipway.api.Strategy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

    private static final Map<String, String> OPERATOR = Map.of(
            "slipway.plugins.wrongly-set.workers", "many",
            "slipway.plugins.process.port-range", "30000-30999",
            "slipway.plugins.unknown.key", "ignored");

    private final PluginRegistry registry = new PluginRegistry(
            new PluginSettings(name -> Optional.ofNullable(OPERATOR.get(name))));

    @Test
    void brokenProvidersAndWronglySetOnesAreSkippedAndTheRestLoadInPriorityOrder() {
        // The test class path lists broken builders, one set wrongly, and a class that does not exist beside "native".
        assertEquals(List.of("native"), registry.builders().stream().map(Strategy::name).toList());
    }

    @Test
    void theBundledStrategiesAreFound() {
        assertEquals(List.of("java-maven", "node", "python", "static"),
                registry.toolchains().stream().map(Strategy::name).toList());
        assertEquals(List.of("process", "static"), registry.deployers().stream().map(Strategy::name).sorted().toList());
        assertEquals(List.of("nginx"), registry.proxies().stream().map(Strategy::name).toList());
    }

    @Test
    void eachPluginGetsTheSettingsItDeclaresWithItsDefaults() {
        Strategy process = registry.deployers().stream().filter(d -> d.name().equals("process")).findFirst().orElseThrow();
        Strategy nginx = registry.proxies().get(0);

        assertEquals(Map.of("port-range", "30000-30999", "bind-host", "127.0.0.1", "advertise-host", "127.0.0.1"),
                registry.settings(process));
        assertEquals("8080", registry.settings(nginx).get("listen-port"));
        assertTrue(!registry.settings(nginx).containsKey("prefix"), "a setting with no value and no default is absent");
    }

    @Test
    void aValueOfTheWrongTypeNamesThePropertyAndTheSetting() {
        Builder wrong = new BrokenPlugins.WronglySet();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PluginSettings(name -> Optional.ofNullable(OPERATOR.get(name))).of(wrong));

        assertEquals("slipway.plugins.wrongly-set.workers=\"many\" is not a whole number (parallel builds)", e.getMessage());
    }
}
