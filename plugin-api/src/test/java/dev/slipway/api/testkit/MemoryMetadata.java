package dev.slipway.api.testkit;

import dev.slipway.api.DeploymentMetadata;
import dev.slipway.api.StageException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** One deployment's metadata in memory, shared by the stages of a test. */
final class MemoryMetadata implements DeploymentMetadata {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> all() {
        return Map.copyOf(values);
    }

    @Override
    public void put(String key, String value) throws StageException {
        if (key == null || key.isBlank()) {
            throw new StageException("a metadata key must not be empty");
        }
        values.put(key, Objects.requireNonNull(value, "value"));
    }
}
