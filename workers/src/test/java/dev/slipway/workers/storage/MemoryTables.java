package dev.slipway.workers.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugin tables in memory, keyed as the database keys them: for tests of what sits above them,
 * and the worker's tables in {@link HostRoutesTest}'s profile.
 */
@Alternative
@Singleton
public class MemoryTables extends StorageTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, TreeMap<String, String>> storage = new ConcurrentHashMap<>();
    private final Map<String, TreeMap<String, String>> metadata = new ConcurrentHashMap<>();

    public MemoryTables() {
        super(null, Duration.ZERO);
    }

    private TreeMap<String, String> of(String plugin) {
        return storage.computeIfAbsent(plugin, p -> new TreeMap<>());
    }

    @Override
    Optional<String> get(String plugin, String key) {
        return Optional.ofNullable(of(plugin).get(key));
    }

    @Override
    void put(String plugin, String key, String json, long quota) {
        of(plugin).put(key, json);
    }

    @Override
    boolean delete(String plugin, String key) {
        return of(plugin).remove(key) != null;
    }

    @Override
    Map<String, String> list(String plugin, String prefix) {
        Map<String, String> found = new TreeMap<>();
        of(plugin).forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                found.put(key, value);
            }
        });
        return found;
    }

    @Override
    boolean compareAndSet(String plugin, String key, String expected, String json, long quota) {
        if (!Objects.equals(tree(of(plugin).get(key)), tree(expected))) {
            return false;
        }
        if (json == null) {
            of(plugin).remove(key);
        } else {
            of(plugin).put(key, json);
        }
        return true;
    }

    /** Compared as JSON values, as the database compares jsonb. */
    private static JsonNode tree(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    Map<String, String> metadata(UUID deploymentId, String plugin) {
        return Map.copyOf(metadata.getOrDefault(deploymentId + "/" + plugin, new TreeMap<>()));
    }

    @Override
    void putMetadata(UUID deploymentId, String plugin, String key, String value, int maxKeys) {
        metadata.computeIfAbsent(deploymentId + "/" + plugin, p -> new TreeMap<>()).put(key, value);
    }
}
