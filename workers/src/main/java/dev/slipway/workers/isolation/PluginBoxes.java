package dev.slipway.workers.isolation;

import dev.slipway.api.Sandbox;
import dev.slipway.api.StageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where executable plugins run: the box an app's build gets, for a plugin. Run as root, each plugin
 * is its own OS user ({@code slipway-plugin-<name>}, made as app users are), with its own HOME and
 * TMPDIR under {@code $SLIPWAY_HOME/plugin-homes/<name>}, the server's resource limits, and a control
 * group per call ({@code plugin_<name>/call-<id>}: '_' is in no app's name), emptied when the call
 * ends. Unisolated (not root, or tests), calls get rlimits only.
 */
public final class PluginBoxes {

    /** One call's box: what it runs in, what it adds to the environment; closing it kills what it left. */
    public final class Call implements AutoCloseable {
        private final String plugin;
        private final Optional<AppUser> user;
        private final String group;
        private final Sandbox sandbox;
        private final Map<String, String> env;
        private final Path home;

        private Call(String plugin, Optional<AppUser> user, String group, Sandbox sandbox, Map<String, String> env,
                     Path home) {
            this.plugin = plugin;
            this.user = user;
            this.group = group;
            this.sandbox = sandbox;
            this.env = env;
            this.home = home;
        }

        public Sandbox sandbox() {
            return sandbox;
        }

        /** HOME, TMPDIR, PATH: the plugin's own, never the worker's. */
        public Map<String, String> env() {
            return env;
        }

        /** The plugin's own HOME: where a call with no work directory runs. */
        public Path home() {
            return home;
        }

        @Override
        public void close() {
            cgroups.ifPresent(c -> c.removeGroup(owner(plugin), group));
        }
    }

    private final Path home;
    private final AppUsers plugins;
    private final AppUsers apps;
    private final boolean enabled;
    private final Optional<Cgroups> cgroups;
    private final ResourceLimits limits;
    private final String path;
    private final Ownership files = new Ownership();

    PluginBoxes(Path home, boolean enabled, AppUsers plugins, AppUsers apps, Optional<Cgroups> cgroups,
                ResourceLimits limits, String path) {
        this.home = home;
        this.enabled = enabled;
        this.plugins = plugins;
        this.apps = apps;
        this.cgroups = cgroups;
        this.limits = limits;
        this.path = path;
    }

    /** Calls as the worker's own user, with rlimits only: for a developer's machine and tests. */
    public static PluginBoxes unisolated(Path home) {
        return new PluginBoxes(home, false, null, null, Optional.empty(),
                new ResourceLimits(512, 4096, 2L << 30, 2L << 30, Duration.ofMinutes(30)),
                Ownership.reachablePath(System.getenv("PATH")));
    }

    /**
     * Keeps the program a plugin was loaded from, by its checksum, where every plugin user can run
     * it and nobody but root can change it: what runs is what was checked, whatever happens to the
     * file in the plugins directory meanwhile.
     */
    public Path keep(String fileName, byte[] program, String checksum) throws IOException {
        Path dir = home.resolve("plugin-programs").resolve(checksum);
        Path kept = dir.resolve(fileName);
        if (Files.isRegularFile(kept)) {
            return kept;
        }
        Files.createDirectories(dir);
        if (enabled) {
            for (Path p = dir; !p.equals(home); p = p.getParent()) {
                Files.setPosixFilePermissions(p, Ownership.TRAVERSE_ONLY);
            }
        }
        Path partial = Files.createTempFile(dir, ".partial", "");
        Files.write(partial, program);
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.move(partial, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return kept;
    }

    /** The programs kept under {@code checksum} (a SHA-256 in hex, checked by the caller): none when it was never loaded here. */
    public java.util.List<Path> kept(String checksum) throws IOException {
        Path dir = home.resolve("plugin-programs").resolve(checksum);
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    /**
     * A box for one call of {@code plugin}. A call on behalf of {@code app} (or {@code null}) runs with
     * the app's group, so it may read what the app may read of its sealed build, and nothing more.
     */
    public Call open(String plugin, String app) throws StageException {
        Path dir = home.resolve("plugin-homes").resolve(plugin);
        Path pluginHome = dir.resolve("home");
        Path tmp = dir.resolve("tmp");
        Map<String, String> env = Map.of("HOME", pluginHome.toString(), "TMPDIR", tmp.toString(), "PATH", path,
                "LANG", "C.UTF-8");
        String group = "call-" + UUID.randomUUID();
        if (!enabled) {
            try {
                Files.createDirectories(pluginHome);
                Files.createDirectories(tmp);
            } catch (IOException e) {
                throw new StageException("cannot prepare " + dir + " for plugin " + plugin + ": " + e.getMessage(), e);
            }
            return new Call(plugin, Optional.empty(), group, new AppSandbox(null, List.of(), limits, false,
                    SecretMask.NONE), env, pluginHome);
        }
        AppUser user = plugins.ensure(plugin, pluginHome);
        files.traverseOnly(home, dir);
        files.privateDir(pluginHome, user);
        files.privateDir(tmp, user);
        AppUser caller = app == null ? user : apps.find(app).map(a -> new AppUser(user.name(), user.uid(), a.gid()))
                .orElse(user);
        List<Path> procs = cgroups.isPresent()
                ? cgroups.get().prepare(owner(plugin), group, limits.memoryBytes(), limits.processes()) : List.of();
        return new Call(plugin, Optional.of(user), group, new AppSandbox(caller, procs, limits, false,
                SecretMask.NONE), env, pluginHome);
    }

    /**
     * Lends an app's build tree (its user's since {@link Isolation#handOver}) to the plugin that
     * builds it, with the same care: the parent closed and nothing of the app inside while owners change.
     */
    public void lend(Call call, String app, Path tree) throws StageException {
        Optional<AppUser> owner = enabled ? apps.find(app) : Optional.empty();
        if (owner.isPresent() && call.user.isPresent()) {
            files.closed(tree.getParent());
            TreeHolders.kill(owner.get().uid(), tree);
            files.transfer(tree, owner.get(), call.user.get());
            files.traverseOnly(home, tree.getParent());
        }
    }

    /**
     * Gives the tree back to the app once the plugin's call is over, so that it is sealed as any
     * build is: whatever of the plugin is still inside is killed first.
     */
    public void giveBack(Call call, String app, Path tree) throws StageException {
        Optional<AppUser> owner = enabled ? apps.find(app) : Optional.empty();
        if (owner.isPresent() && call.user.isPresent()) {
            files.closed(tree.getParent());
            call.close();
            TreeHolders.kill(call.user.get().uid(), tree);
            files.transfer(tree, call.user.get(), owner.get());
            files.traverseOnly(home, tree.getParent());
        }
    }

    /** A directory the host made for the call (a release's) that the plugin may write to, and others pass. */
    public void ownWorkDir(Call call, Path dir) throws StageException {
        if (call.user.isPresent()) {
            files.ownDir(dir, call.user.get(), Ownership.TRAVERSE_ONLY);
        }
    }

    private static String owner(String plugin) {
        return "plugin_" + plugin;
    }
}
