package dev.slipway.workers.storage;

import dev.slipway.api.DeploymentMetadata;
import dev.slipway.api.PluginStorage;
import dev.slipway.api.Strategy;
import dev.slipway.workers.WorkerConfig;
import dev.slipway.workers.plugin.PluginRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The host's storage and metadata for plugins, each bound to one plugin's name by the host: the
 * plugin never passes a namespace, so it cannot name another's.
 */
@ApplicationScoped
public class PluginServices {

    /** What a strategy's context carries: its plugin's storage and this deployment's metadata of that plugin. */
    public record Stores(PluginStorage storage, DeploymentMetadata metadata) {
    }

    private final StorageTables tables;
    private final StorageRules rules;
    private final PluginRegistry plugins;

    @Inject
    public PluginServices(StorageTables tables, WorkerConfig config, PluginRegistry plugins) {
        this(tables, new StorageRules(config.storage().maxValueBytes(), config.storage().quotaBytes(),
                config.storage().maxMetadataBytes(), config.storage().maxMetadataKeys()), plugins);
    }

    PluginServices(StorageTables tables, StorageRules rules, PluginRegistry plugins) {
        this.tables = tables;
        this.rules = rules;
        this.plugins = plugins;
    }

    /** For the context of {@code strategy} in a stage of {@code deploymentId}: nothing is read until it is used. */
    public Stores of(Strategy strategy, UUID deploymentId) {
        String plugin = plugins.pluginOf(strategy);
        return plugin == null ? new Stores(PluginStorage.unavailable(), DeploymentMetadata.none())
                : new Stores(storage(plugin), metadata(plugin, deploymentId));
    }

    public PluginStorage storage(String plugin) {
        return new PluginStore(plugin, tables, rules);
    }

    /** {@code deploymentId} null: a call that belongs to no deployment keeps no metadata. */
    public DeploymentMetadata metadata(String plugin, UUID deploymentId) {
        return deploymentId == null ? DeploymentMetadata.none() : new MetadataStore(plugin, deploymentId, tables, rules);
    }
}
