package dev.slipway.workers.isolation;

import dev.slipway.api.StageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Per-app control groups: {@code <root>/<app>} carries the app's memory and process limits for all
 * its processes together, with one child per role ({@code build}, {@code run}) so that what a build
 * leaves behind can be killed without touching the running release. cgroup v1 (the {@code memory}
 * and {@code pids} controllers mounted apart) and v2 (one unified tree) are both understood; the
 * groups live outside the worker's own, so apps outlive a worker restart.
 */
final class Cgroups {

    private static final Logger LOG = Logger.getLogger(Cgroups.class);
    private static final Path FS = Path.of("/sys/fs/cgroup");

    /** The directories under which app groups are made: one per controller (v1) or one (v2). */
    private final List<Path> roots;
    private final boolean v2;

    private Cgroups(List<Path> roots, boolean v2) {
        this.roots = roots;
        this.v2 = v2;
    }

    /** What this host offers, or empty when there is nothing usable (then only rlimits apply). */
    static Optional<Cgroups> detect(String rootName) {
        Path memory = FS.resolve("memory");
        Path pids = FS.resolve("pids");
        if (Files.isWritable(memory) && Files.isWritable(pids) && Files.exists(memory.resolve("memory.limit_in_bytes"))) {
            return Optional.of(new Cgroups(List.of(memory.resolve(rootName), pids.resolve(rootName)), false));
        }
        if (Files.isWritable(FS) && Files.exists(FS.resolve("cgroup.controllers"))) {
            return Optional.of(new Cgroups(List.of(FS.resolve(rootName)), true));
        }
        return Optional.empty();
    }

    String describe() {
        return (v2 ? "cgroup v2 " : "cgroup v1 ") + roots;
    }

    /**
     * Makes the app's groups with its limits and returns the {@code cgroup.procs} files a process of
     * {@code role} must join.
     */
    List<Path> prepare(String app, String role, long memoryBytes, long processes) throws StageException {
        List<Path> procs = new ArrayList<>();
        try {
            for (Path root : roots) {
                Path appGroup = root.resolve(app);
                if (v2) {
                    enableControllers(root.getParent(), root);
                    Files.createDirectories(appGroup);
                    enableControllers(root, appGroup);
                    write(appGroup.resolve("memory.max"), Long.toString(memoryBytes));
                    write(appGroup.resolve("memory.swap.max"), "0");
                    write(appGroup.resolve("pids.max"), Long.toString(processes));
                } else {
                    Files.createDirectories(appGroup);
                    if (root.startsWith(FS.resolve("memory"))) {
                        write(appGroup.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
                    } else {
                        write(appGroup.resolve("pids.max"), Long.toString(processes));
                    }
                }
                Path roleGroup = appGroup.resolve(role);
                Files.createDirectories(roleGroup);
                procs.add(roleGroup.resolve("cgroup.procs"));
            }
        } catch (IOException e) {
            throw new StageException("cannot set up the control group of app " + app + " (" + describe() + "): "
                    + e.getMessage(), e);
        }
        return procs;
    }

    /** Kills every process left in the app's group of {@code role}; returns how many there were. */
    int killAll(String app, String role) {
        int killed = 0;
        for (int round = 0; round < 10; round++) {
            List<Long> pids = members(roots.get(roots.size() - 1).resolve(app).resolve(role));
            if (pids.isEmpty()) {
                return killed;
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            killed += pids.size();
            sleep(100);
        }
        LOG.warnf("processes of app %s (%s) are still alive after SIGKILL", app, role);
        return killed;
    }

    /** Kills what is left in one of the app's groups and removes it. */
    void removeGroup(String app, String group) {
        killAll(app, group);
        for (Path root : roots) {
            deleteGroup(root.resolve(app).resolve(group));
        }
    }

    /** Kills everything of the app and removes its groups (when the app is deleted). */
    void remove(String app) {
        for (Path root : roots) {
            Path appGroup = root.resolve(app);
            if (!Files.isDirectory(appGroup)) {
                continue;
            }
            try (var children = Files.list(appGroup)) {
                for (Path child : children.filter(Files::isDirectory).toList()) {
                    killAll(app, child.getFileName().toString());
                    deleteGroup(child);
                }
            } catch (IOException e) {
                LOG.warnf("cannot list the control group %s: %s", appGroup, e.getMessage());
            }
            deleteGroup(appGroup);
        }
    }

    private static List<Long> members(Path group) {
        try {
            return Files.readAllLines(group.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank())
                    .map(l -> Long.parseLong(l.strip())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void deleteGroup(Path group) {
        try {
            Files.deleteIfExists(group); // rmdir: a cgroup's files are not real and go with it
        } catch (IOException e) {
            LOG.warnf("cannot remove the control group %s: %s", group, e.getMessage());
        }
    }

    /** v2 only: a child can use a controller once its parent lists it in cgroup.subtree_control. */
    private static void enableControllers(Path parent, Path child) throws IOException {
        Files.createDirectories(child);
        Path control = parent.resolve("cgroup.subtree_control");
        if (Files.isWritable(control)) {
            try {
                write(control, "+memory +pids");
            } catch (IOException e) {
                LOG.debugf("cannot enable memory and pids in %s: %s", parent, e.getMessage());
            }
        }
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
