package dev.slipway.workers.plugin;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one jar plugin, as Kafka Connect isolates connectors: the plugin sees its own
 * jars, the JDK, and of the host only {@code plugin-api}. So a plugin brings its own libraries, in
 * whatever versions it wants, and cannot reach into the worker.
 */
final class PluginClassLoader extends URLClassLoader {

    private static final String API = "dev.slipway.api.";

    private final ClassLoader host;
    private final String plugin;

    PluginClassLoader(String plugin, URL[] jars, ClassLoader host) {
        super("plugin " + plugin, jars, ClassLoader.getPlatformClassLoader());
        this.host = host;
        this.plugin = plugin;
    }

    private volatile boolean closed;

    /** Whether it was closed: its jars are let go, and classes it had not loaded yet cannot be loaded any more. */
    boolean closed() {
        return closed;
    }

    @Override
    public void close() throws java.io.IOException {
        closed = true;
        super.close();
    }

    /** The name of the plugin whose classes this loads. */
    String plugin() {
        return plugin;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API)) {
            // One copy of the API for host and plugins, or their types would not match.
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
