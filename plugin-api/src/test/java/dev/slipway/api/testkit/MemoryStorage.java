package dev.slipway.api.testkit;

import dev.slipway.api.PluginStorage;
import dev.slipway.api.StageException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A plugin's storage in memory, for its tests: the contract of {@link PluginStorage} without the
 * host's checks of JSON and quotas (the host refuses a value that is not JSON; test with real JSON).
 */
public final class MemoryStorage implements PluginStorage {

    private final SortedMap<String, String> entries = new TreeMap<>();

    @Override
    public synchronized Optional<String> get(String key) throws StageException {
        return Optional.ofNullable(entries.get(checked(key)));
    }

    @Override
    public synchronized void put(String key, String json) throws StageException {
        entries.put(checked(key), Objects.requireNonNull(json, "json"));
    }

    @Override
    public synchronized boolean delete(String key) throws StageException {
        return entries.remove(checked(key)) != null;
    }

    @Override
    public synchronized Map<String, String> list(String prefix) {
        return Map.copyOf(entries.subMap(prefix, prefix + Character.MAX_VALUE));
    }

    @Override
    public synchronized boolean compareAndSet(String key, String expected, String json) throws StageException {
        if (!Objects.equals(entries.get(checked(key)), expected)) {
            return false;
        }
        if (json == null) {
            entries.remove(key);
        } else {
            entries.put(key, json);
        }
        return true;
    }

    private static String checked(String key) throws StageException {
        if (key == null || key.isEmpty() || key.length() > 200 || key.chars().anyMatch(Character::isISOControl)) {
            throw new StageException("storage key \"" + key + "\" is not 1 to 200 characters without control characters");
        }
        return key;
    }
}
