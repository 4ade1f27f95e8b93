package dev.slipway.workers.storage;

import dev.slipway.api.DeploymentMetadata;
import dev.slipway.api.StageException;
import java.util.Map;
import java.util.UUID;

/**
 * One plugin's metadata of one deployment, kept in PostgreSQL so that a later stage on any worker
 * reads it. Read when asked, so a stage that asks nothing never reaches the database.
 */
record MetadataStore(String plugin, UUID deploymentId, StorageTables tables, StorageRules rules)
        implements DeploymentMetadata {

    /**
     * {@link DeploymentMetadata#all()} may not throw {@link StageException}: a database that
     * cannot be read fails the stage as an unexpected error, with the reason, rather than answer
     * "nothing was put".
     */
    @Override
    public Map<String, String> all() {
        try {
            return tables.metadata(deploymentId, plugin);
        } catch (StageException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, String value) throws StageException {
        tables.putMetadata(deploymentId, plugin, rules.metadataKey(key), rules.metadata(key, value),
                rules.maxMetadataKeys());
    }
}
