package dev.slipway.workers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.api.Builder;
import dev.slipway.api.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

    @Test
    void brokenProvidersAreSkippedAndTheRestLoadInPriorityOrder() {
        // The test class path lists two broken builders and a class that does not exist beside "native".
        assertEquals(List.of("native"), PluginRegistry.load(Builder.class).stream().map(Strategy::name).toList());
    }

    @Test
    void theBundledStrategiesAreFound() {
        PluginRegistry registry = new PluginRegistry();
        assertEquals(List.of("java-maven", "node", "python", "static"),
                registry.toolchains().stream().map(Strategy::name).toList());
        assertEquals(List.of("process", "static"), registry.deployers().stream().map(Strategy::name).sorted().toList());
        assertEquals(List.of("nginx"), registry.proxies().stream().map(Strategy::name).toList());
    }
}
