package dev.slipway.workers.plugin;

import dev.slipway.api.PluginApi;
import dev.slipway.api.Strategy;
import dev.slipway.messaging.WorkerAnnounced;
import dev.slipway.workers.isolation.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Java plugins: a jar, or a directory of jars (the plugin and its libraries), each in its own
 * {@link PluginClassLoader}, its strategies found with {@link java.util.ServiceLoader}. The jar that
 * names the plugin API version ({@value PluginApi#MANIFEST_ATTRIBUTE}) also names the plugin
 * ({@code Slipway-Plugin-Name}, else its file name) and its version ({@code Implementation-Version}).
 */
final class JarPlugins implements PluginLoader {

    static final String NAME_ATTRIBUTE = "Slipway-Plugin-Name";

    private final ClassLoader host;
    /** How long making a plugin's strategies (its constructors, static initializers) may take. */
    private final Duration makeTimeout;
    /** Where each loaded version is kept, as {@code <sha256>/<entry>}. */
    private final Path kept;

    /** @param kept where the jars a plugin is loaded from are copied, by checksum */
    JarPlugins(ClassLoader host, Duration makeTimeout, Path kept) {
        this.host = host;
        this.makeTimeout = makeTimeout;
        this.kept = kept;
    }

    @Override
    public boolean claims(Path entry) {
        return Files.isDirectory(entry) || (Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar"));
    }

    @Override
    public FoundPlugin load(Path entry) {
        String fileName = entry.getFileName().toString();
        FoundPlugin unread = found(defaultName(fileName), fileName, "unknown", null);
        List<Path> jars;
        String checksum;
        Manifest manifest;
        try {
            jars = jars(entry);
            if (jars.isEmpty()) {
                return unread.refused("the directory holds no jar");
            }
            // Loaded from its copy: what runs is what was checked, and a pinned deployment can have it back once replaced.
            Path copy = keep(entry, jars);
            jars = jars(copy);
            checksum = checksum(jars);
        } catch (IOException | UncheckedIOException e) {
            return unread.refused("cannot be read: " + e.getMessage());
        }
        try {
            manifest = pluginManifest(jars);
        } catch (IOException | UncheckedIOException e) {
            // With its checksum: a deployment pinned to this very file finds it is the one it has.
            return found(defaultName(fileName), fileName, "unknown", checksum).refused("cannot be read: " + e.getMessage());
        }
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String name = valueOr(main.getValue(NAME_ATTRIBUTE), defaultName(fileName));
        FoundPlugin plugin = found(name, fileName, valueOr(main.getValue(Attributes.Name.IMPLEMENTATION_VERSION), "unknown"),
                checksum);
        String problem = StrategyKind.nameProblem(name) != null ? "plugin name \"" + name + "\" is not a lower-case name"
                : PluginApi.problem(main.getValue(PluginApi.MANIFEST_ATTRIBUTE));
        if (problem != null) {
            return plugin.refused(problem);
        }
        PluginClassLoader loader = new PluginClassLoader(name, urls(jars), host);
        List<Strategy> strategies;
        try {
            // On a thread of its own: a constructor that never returns must not stop the scan, and libraries
            // that look classes up through the context class loader find the plugin's, not the worker's.
            strategies = PluginThreads.call(loader, () -> {
                List<Strategy> made = new ArrayList<>();
                for (StrategyKind kind : StrategyKind.values()) {
                    made.addAll(kind.providers(loader));
                }
                return made;
            }, makeTimeout);
        } catch (TimeoutException e) {
            // Not closed: the thread still in its constructor may go on using it.
            return plugin.refused("its strategies were not made within " + PluginThreads.describe(makeTimeout)
                    + ": a constructor or static initializer that does not return");
        } catch (ExecutionException e) {
            close(loader);
            return plugin.refused("cannot be loaded: " + describe(e.getCause()));
        } catch (InterruptedException e) {
            close(loader);
            Thread.currentThread().interrupt();
            return plugin.refused("its loading was interrupted");
        }
        if (strategies.isEmpty()) {
            close(loader);
            return plugin.refused("provides no strategy: its jar lists none in META-INF/services");
        }
        return new FoundPlugin(plugin.description(), StrategyKind.distinct(strategies));
    }

    @Override
    public List<Path> kept(String checksum) throws IOException {
        Path dir = kept.resolve(checksum);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(e -> !e.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /**
     * Copies {@code entry} to {@code <kept>/<sha256>/<its name>} unless it is there already, and
     * returns the copy. The checksum is the copy's, so a file replaced while it is copied is kept
     * under the checksum of what was copied.
     */
    private Path keep(Path entry, List<Path> jars) throws IOException {
        Path parent = entry.toAbsolutePath().getParent();
        if (parent != null && kept.toAbsolutePath().equals(parent.getParent())) {
            return entry;
        }
        if (!Files.isDirectory(kept)) {
            // Other users have no business listing which plugins this worker ran.
            Files.createDirectories(kept, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        Path partial = Files.createTempDirectory(kept, ".partial");
        try {
            Path copy = partial.resolve(entry.getFileName().toString());
            if (Files.isDirectory(entry)) {
                Files.createDirectory(copy);
                for (Path jar : jars) {
                    Files.copy(jar, copy.resolve(jar.getFileName().toString()));
                }
            } else {
                Files.copy(entry, copy);
            }
            Path target = Files.createDirectories(kept.resolve(checksum(jars(copy)))).resolve(copy.getFileName().toString());
            if (!Files.exists(target)) {
                Files.move(copy, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } finally {
            Trees.remove(partial);
        }
    }

    private static FoundPlugin found(String name, String source, String version, String checksum) {
        return new FoundPlugin(new WorkerAnnounced.Plugin(name, WorkerAnnounced.Origin.JAR, source, version, checksum,
                WorkerAnnounced.Status.LOADED, null, List.of()), List.of());
    }

    static List<Path> jars(Path entry) throws IOException {
        if (!Files.isDirectory(entry)) {
            return List.of(entry);
        }
        try (Stream<Path> files = Files.list(entry)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    /** The manifest of the jar that says it is the plugin; of the only jar when none does. */
    private static Manifest pluginManifest(List<Path> jars) throws IOException {
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                if (manifest != null && manifest.getMainAttributes().getValue(PluginApi.MANIFEST_ATTRIBUTE) != null) {
                    return manifest;
                }
                if (jars.size() == 1) {
                    return manifest;
                }
            }
        }
        return null;
    }

    /**
     * SHA-256 of a jar's bytes (what {@code sha256sum} says of it); for a directory, of each jar's
     * name and bytes in name order, so that renaming a jar changes it too.
     */
    static String checksum(List<Path> files) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (Path file : files) {
            if (files.size() > 1) {
                digest.update((file.getFileName() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static URL[] urls(List<Path> jars) {
        try {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a file path is not a URL", e);
        }
    }

    /** {@code hello-builder-1.2.0.jar} → {@code hello-builder}. */
    static String defaultName(String fileName) {
        // One rule with the orchestrator, which refuses to install a plugin under a name the workers would change.
        return dev.slipway.archive.PluginPackage.defaultName(fileName);
    }

    /** What went wrong, down to the plugin's own exception (a static initializer's, a constructor's). */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? e.toString() : e.getMessage() + ", because " + cause;
    }

    private static String valueOr(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    private static void close(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // Only open jar files are left; nothing of the plugin runs.
        }
    }
}
