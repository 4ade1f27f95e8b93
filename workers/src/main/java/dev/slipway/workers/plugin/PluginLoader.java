package dev.slipway.workers.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Turns one entry of the plugins directory into a plugin. */
public interface PluginLoader {

    /** Whether this loader is the one for {@code entry}, by its name and type alone. */
    boolean claims(Path entry);

    /**
     * Loads {@code entry}. Never throws for a broken plugin: one that cannot be loaded is returned
     * refused, with the reason.
     */
    FoundPlugin load(Path entry);

    /**
     * The entries this loader kept of the plugin versions with {@code checksum} (a SHA-256 in hex),
     * to be {@link #load loaded} again: a replaced version that a pinned deployment still asks for.
     */
    List<Path> kept(String checksum) throws IOException;
}
