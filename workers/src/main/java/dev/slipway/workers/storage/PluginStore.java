package dev.slipway.workers.storage;

import dev.slipway.api.PluginStorage;
import dev.slipway.api.StageException;
import java.util.Map;
import java.util.Optional;

/** One plugin's storage: every call checked by the rules and made in that plugin's namespace alone. */
record PluginStore(String plugin, StorageTables tables, StorageRules rules) implements PluginStorage {

    @Override
    public Optional<String> get(String key) throws StageException {
        return tables.get(plugin, rules.key(key));
    }

    @Override
    public void put(String key, String json) throws StageException {
        tables.put(plugin, rules.key(key), rules.json(key, json), rules.quotaBytes());
    }

    @Override
    public boolean delete(String key) throws StageException {
        return tables.delete(plugin, rules.key(key));
    }

    @Override
    public Map<String, String> list(String prefix) throws StageException {
        return tables.list(plugin, rules.prefix(prefix));
    }

    @Override
    public boolean compareAndSet(String key, String expected, String json) throws StageException {
        rules.key(key);
        return tables.compareAndSet(plugin, key, expected == null ? null : rules.json(key, expected),
                json == null ? null : rules.json(key, json), rules.quotaBytes());
    }
}
