package dev.slipway.workers.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.DeploymentMetadata;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.OsRelease;
import dev.slipway.api.PluginStorage;
import dev.slipway.api.Sandbox;
import dev.slipway.api.SourceTree;
import dev.slipway.api.config.AppConfig;
import dev.slipway.workers.storage.PluginServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OwnStoresToolchainTest {

    @Test
    void aToolchainCalledByABuilderWorksInItsOwnPluginsStoresNotTheBuilders() throws Exception {
        AtomicReference<BuildContext> seen = new AtomicReference<>();
        LanguageToolchain toolchain = new LanguageToolchain() {
            @Override
            public String name() {
                return "elixir";
            }

            @Override
            public int priority() {
                return 7;
            }

            @Override
            public boolean accept(SourceTree source) {
                return source.root().endsWith("mix");
            }

            @Override
            public BuildArtifact build(BuildContext context) {
                seen.set(context);
                return new BuildArtifact(BuildArtifact.STATIC, context.workDir(), Map.of(), Map.of(), List.of(), "native",
                        name());
            }
        };
        PluginServices.Stores builders = new PluginServices.Stores(PluginStorage.unavailable(), DeploymentMetadata.none());
        PluginServices.Stores own = new PluginServices.Stores(PluginStorage.unavailable(), DeploymentMetadata.none());
        assertNotSame(builders.storage(), own.storage(), "or this test proves nothing");
        OwnStoresToolchain handed = new OwnStoresToolchain(toolchain, own);
        SourceTree tree = new SourceTree(Path.of("/src/mix"), AppConfig.empty());
        StageContexts.Build context = new StageContexts.Build("shop", UUID.randomUUID(), Path.of("/work"), Map.of("A", "1"),
                line -> { }, Map.of("timeout", "900"), builders, Sandbox.none(), tree, List.of(handed),
                new HostPrograms(List.of(), OsRelease.parse(""), false));

        assertEquals("elixir", handed.name());
        assertEquals(7, handed.priority());
        assertTrue(handed.accept(tree));
        handed.build(context);

        assertSame(own.storage(), seen.get().storage());
        assertSame(own.metadata(), seen.get().metadata());
        assertEquals("shop", seen.get().app(), "the rest is the builder's context");
        assertEquals(context.deploymentId(), seen.get().deploymentId());
        assertEquals(Map.of("A", "1"), seen.get().env());
        assertEquals(Map.of("timeout", "900"), seen.get().config());
        assertSame(tree, seen.get().source());
        assertEquals(Path.of("/work"), seen.get().workDir());
    }
}
