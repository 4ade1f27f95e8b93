package dev.slipway.workers.storage;

import dev.slipway.api.StageException;

/** The database could not do what was asked: not the plugin's fault, and it may work later. */
public class StorageUnavailable extends StageException {

    public StorageUnavailable(String message) {
        super(message);
    }
}
