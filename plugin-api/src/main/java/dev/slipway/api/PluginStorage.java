package dev.slipway.api;

import java.util.Map;
import java.util.Optional;

/**
 * A plugin's own key-value storage, kept by the host across restarts and readable by no other
 * plugin. Values are JSON texts (an object, array, string, number, boolean or null); keys are
 * non-empty, at most 200 characters, without control characters.
 */
public interface PluginStorage {

    Optional<String> get(String key) throws StageException;

    /** Stores {@code json} under {@code key}, replacing what was there. */
    void put(String key, String json) throws StageException;

    /** Removes {@code key}; whether it was there. */
    boolean delete(String key) throws StageException;

    /** Every key starting with {@code prefix}, with its value, in key order. */
    Map<String, String> list(String prefix) throws StageException;

    /**
     * Sets {@code key} to {@code json} only if it now holds {@code expected}; {@code expected} null
     * means "absent", {@code json} null means "remove it". Whether it was set.
     */
    boolean compareAndSet(String key, String expected, String json) throws StageException;

    /** Storage for a host that has none: every call says so. */
    static PluginStorage unavailable() {
        return new PluginStorage() {
            private StageException none() {
                return new StageException("this host gives plugins no storage");
            }

            @Override
            public Optional<String> get(String key) throws StageException {
                throw none();
            }

            @Override
            public void put(String key, String json) throws StageException {
                throw none();
            }

            @Override
            public boolean delete(String key) throws StageException {
                throw none();
            }

            @Override
            public Map<String, String> list(String prefix) throws StageException {
                throw none();
            }

            @Override
            public boolean compareAndSet(String key, String expected, String json) throws StageException {
                throw none();
            }
        };
    }
}
