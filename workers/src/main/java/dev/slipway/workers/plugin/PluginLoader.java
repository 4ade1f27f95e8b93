package dev.slipway.workers.plugin;

import java.nio.file.Path;

/** Turns one entry of the plugins directory into a plugin. */
public interface PluginLoader {

    /** Whether this loader is the one for {@code entry}, by its name and type alone. */
    boolean claims(Path entry);

    /**
     * Loads {@code entry}. Never throws for a broken plugin: one that cannot be loaded is returned
     * refused, with the reason.
     */
    FoundPlugin load(Path entry);
}
