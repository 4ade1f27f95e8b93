package dev.slipway.workers.isolation;

import dev.slipway.api.Commands;
import dev.slipway.api.Sandbox;
import dev.slipway.api.StageLog;
import dev.slipway.api.StageException;
import dev.slipway.api.config.AppConfig;
import dev.slipway.workers.WorkerConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Keeps apps apart from Slipway and from each other. Run as root, every app gets its own OS user,
 * a private HOME and temporary directory, read-only access to what it built, control groups with
 * its memory and process limits, and rlimits; its code runs through {@link AppSandbox}. Run as
 * anyone else (a developer's machine) isolation is off, says so at start, and apps get rlimits only.
 */
@ApplicationScoped
@Startup
public class Isolation {

    private static final Logger LOG = Logger.getLogger(Isolation.class);
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,10})\\s*-\\s*(\\d{1,10})\\s*");

    /**
     * What an app's stage runs with: its sandbox, what it adds to the environment (HOME, TMPDIR,
     * PATH), and the control group its processes join.
     */
    public record AppBox(Sandbox sandbox, Map<String, String> env, Optional<AppUser> user, String group) {
    }

    /**
     * Each build has a control group of its own, so what one build leaves running can be killed
     * without touching another build of the app or its release; releases and hooks share {@code run}.
     */
    public static String buildGroup(UUID deploymentId, int attempt) {
        return "build-" + deploymentId + "-" + attempt;
    }

    public static final String RUN = "run";

    private final Path home;
    private final boolean enabled;
    private final AppUsers users;
    private final Optional<Cgroups> cgroups;
    private final ResourceLimits ceiling;
    private final Ownership files = new Ownership();
    private final AppStorage storage;
    /** The worker's PATH without what an app's user cannot reach (root's own tool directories). */
    private final String appPath;
    private final PluginBoxes plugins;

    public Isolation(WorkerConfig config) {
        this.home = config.home().toAbsolutePath().normalize();
        this.storage = new AppStorage(home, files);
        boolean root = effectiveUid() == 0;
        String mode = config.isolation().mode();
        if (!List.of("auto", "on", "off").contains(mode)) {
            throw new IllegalStateException("slipway.isolation.mode=" + mode + " is not one of auto, on, off");
        }
        if (mode.equals("on") && !root) {
            throw new IllegalStateException("slipway.isolation.mode=on, but the workers do not run as root: they"
                    + " cannot run apps as other users. Run them as root, or set slipway.isolation.mode=auto");
        }
        this.enabled = root && !mode.equals("off");
        Matcher range = RANGE.matcher(config.isolation().uidRange());
        if (!range.matches() || Long.parseLong(range.group(1)) < 1000
                || Long.parseLong(range.group(1)) > Long.parseLong(range.group(2))
                || Long.parseLong(range.group(2)) > Integer.MAX_VALUE) {
            throw new IllegalStateException("slipway.isolation.uid-range=" + config.isolation().uidRange()
                    + " is invalid: use FROM-TO with 1000 <= FROM <= TO, e.g. 700000000-700999999");
        }
        int firstUid = Integer.parseInt(range.group(1));
        int lastUid = Integer.parseInt(range.group(2));
        this.users = new AppUsers(AppUsers.APPS, firstUid, lastUid);
        this.cgroups = enabled ? Cgroups.detect(config.isolation().cgroup()) : Optional.empty();
        WorkerConfig.Limits limits = config.limits();
        this.ceiling = new ResourceLimits(limits.processes(), limits.openFiles(), limits.memory(), limits.fileSize(),
                limits.cpuTime());
        this.appPath = enabled ? Ownership.reachablePath(System.getenv("PATH")) : null;
        this.plugins = enabled ? new PluginBoxes(home, true, new AppUsers(AppUsers.PLUGINS, firstUid, lastUid), users,
                cgroups, ceiling, appPath) : PluginBoxes.unisolated(home);
        if (enabled) {
            secureHome();
            LOG.infof("app isolation is on: each app runs as its own OS user (uids %s), %s", config.isolation().uidRange(),
                    cgroups.map(c -> "memory and process limits in " + c.describe())
                            .orElse("no usable control groups (rlimits only)"));
        } else {
            LOG.warn("app isolation is OFF: the workers do not run as root" + (mode.equals("off") ? " or" : "")
                    + (mode.equals("off") ? " slipway.isolation.mode=off" : "") + ", so apps, builds and hooks run as"
                    + " the workers' own user and can read what it can. Fine on a developer's machine; on a server,"
                    + " run the workers as root (see README, Isolation).");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** Where executable plugins run: as their own users, boxed as apps are, when this isolation is on. */
    public PluginBoxes plugins() {
        return plugins;
    }

    /**
     * Sets up what the app needs for a stage: its user, its directories, and the control group
     * {@code group} ({@link #buildGroup} or {@link #RUN}) its processes join.
     */
    public AppBox prepare(String app, AppConfig config, String group, boolean longRunning, SecretMask mask)
            throws StageException {
        ResourceLimits limits = ResourceLimits.of(config == null ? AppConfig.Limits.NONE : config.limits(), ceiling);
        Path appDir = home.resolve("apps").resolve(app);
        Path appHome = appDir.resolve("home");
        Path tmp = appDir.resolve("tmp");
        if (!enabled) {
            Map<String, String> env = Map.of("HOME", appHome.toString(), "TMPDIR", tmp.toString());
            createDirectories(appHome);
            createDirectories(tmp);
            if (group.equals(RUN)) {
                for (String path : config.storage()) {
                    createDirectories(storage.dir(app, path));
                }
            }
            return new AppBox(new AppSandbox(null, List.of(), limits, longRunning, mask), env, Optional.empty(), group);
        }
        AppUser user = users.ensure(app, appHome);
        Map<String, String> env = Map.of("HOME", appHome.toString(), "TMPDIR", tmp.toString(), "PATH", appPath);
        files.traverseOnly(home, appDir);
        files.privateDir(appHome, user);
        files.privateDir(tmp, user);
        if (group.equals(RUN)) {
            for (String path : config.storage()) {
                storage.prepare(app, path, user);
            }
        }
        List<Path> procs = cgroups.isPresent()
                ? cgroups.get().prepare(app, group, limits.memoryBytes(), limits.processes()) : List.of();
        return new AppBox(new AppSandbox(user, procs, limits, longRunning, mask), env, Optional.of(user), group);
    }

    /**
     * Before the source is unpacked: the tree's parent is closed, so that nothing of the app's can
     * be inside the tree, or enter it, until {@link #handOver} has finished changing its owners.
     */
    public void closeTree(AppBox box, Path tree) throws StageException {
        if (box.user().isPresent()) {
            files.traverseOnly(home, tree.getParent().getParent());
            files.closed(tree.getParent());
        }
    }

    /** Gives the unpacked source to the app's user, which builds in it, then opens the way to it. */
    public void handOver(AppBox box, Path tree) throws StageException {
        if (box.user().isPresent()) {
            files.handOver(tree, box.user().get());
            files.traverseOnly(home, tree.getParent());
        }
    }

    /**
     * After a build: nothing of it keeps running, and the app may read what it built but not change
     * it. The tree is closed first and every process of the app still inside it killed, so none can
     * swap a directory for a link while its owners change.
     */
    public void seal(String app, AppBox box, Path tree) throws StageException {
        if (box.user().isPresent()) {
            files.closed(tree.getParent());
            cgroups.ifPresent(c -> c.removeGroup(app, box.group()));
            List<Long> holders = TreeHolders.kill(box.user().get().uid(), tree);
            if (!holders.isEmpty()) {
                LOG.warnf("killed processes %s of app %s that were still inside its build tree %s", holders, app, tree);
            }
            files.seal(tree, box.user().get());
            files.traverseOnly(home, tree.getParent());
        }
    }

    /** See {@link AppStorage#link}: the app's persistent directories, linked into a sealed build. */
    public void linkStorage(String app, List<String> paths, Optional<AppUser> user, Path tree, StageLog log)
            throws StageException {
        storage.link(app, paths, user, tree, log);
    }

    /** See {@link AppStorage#remove}: one of the app's persistent directories, emptied as the app's user. */
    public void removeStorage(String app, String path) throws StageException {
        Optional<AppUser> user = enabled ? users.find(app) : Optional.empty();
        ResourceLimits limits = ResourceLimits.of(AppConfig.Limits.NONE, ceiling);
        storage.remove(app, path, user.map(u -> new AppSandbox(u, List.of(), limits, false, SecretMask.of(List.of()))));
    }

    /** Kills every process in one of the app's control groups (a cancelled build's), when there are groups. */
    public void killGroup(String app, String group) {
        cgroups.ifPresent(c -> {
            int killed = c.killAll(app, group);
            if (killed > 0) {
                LOG.infof("killed %d processes of app %s in its group %s", killed, app, group);
            }
        });
    }

    /** A directory the host writes for a release (its log, its pid): others may pass, not list. */
    public void releaseDir(Path dir) throws StageException {
        if (enabled) {
            files.traverseOnly(home, dir);
        }
    }

    /**
     * The app is gone: its processes and control groups go. Throws when a process of its user still
     * runs after three rounds of SIGKILL (its files must not be walked while it can change them).
     * Then {@link #removeUser} takes its user.
     */
    public void stopAll(String app) throws StageException {
        if (!enabled) {
            return;
        }
        cgroups.ifPresent(c -> c.remove(app));
        Optional<AppUser> user = users.find(app);
        if (user.isEmpty()) {
            return;
        }
        // Again and again: a process may have forked between the list and the kill.
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> left = running(user.get());
            if (left.isEmpty()) {
                return;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            Commands.awaitFinished(left, 5); // SIGKILL takes a moment to land
        }
        List<ProcessHandle> survivors = running(user.get());
        if (!survivors.isEmpty()) {
            throw new StageException("processes of deleted app " + app + " still run after SIGKILL: "
                    + survivors.stream().map(ProcessHandle::pid).toList());
        }
    }

    /** The deleted app's user, and its files in the shared temporary directories; after {@link #stopAll}. */
    public void removeUser(String app) throws StageException {
        Optional<AppUser> user = enabled ? users.find(app) : Optional.empty();
        if (user.isEmpty()) {
            return;
        }
        // The uid may be given to the next app: it must not find this one's files in the shared places.
        try {
            HostCommands.run(List.of("find", "/tmp", "/var/tmp", "/dev/shm", "-xdev", "-user",
                    Integer.toString(user.get().uid()), "-delete"));
        } catch (StageException e) {
            // find fails on what other programs remove while it walks /tmp; the user must go all the same.
            LOG.warnf("files of deleted app %s in the shared temporary directories: %s", app, e.getMessage());
        }
        // Where no init reaps orphans, a killed one stays a zombie of the user's.
        boolean zombies = ProcessHandle.allProcesses().anyMatch(p -> ownedBy(p, user.get()));
        users.remove(app, zombies);
    }

    private static List<ProcessHandle> running(AppUser user) {
        return ProcessHandle.allProcesses().filter(p -> ownedBy(p, user)).filter(Commands::running).toList();
    }

    private static boolean ownedBy(ProcessHandle process, AppUser user) {
        return process.info().user().map(user.name()::equals).orElse(false);
    }

    private static void createDirectories(Path dir) throws StageException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StageException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    /** From the kernel, not {@code user.name}, which a system property can change and which names no uid. */
    private static long effectiveUid() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> Long.parseLong(l.split("\\s+")[2])).findFirst().orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code $SLIPWAY_HOME} can be passed through to an app's own directories, not listed. */
    private void secureHome() {
        try {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, Ownership.TRAVERSE_ONLY);
            for (String dir : List.of("apps", "builds", "releases")) {
                files.traverseOnly(home, home.resolve(dir));
            }
        } catch (StageException | IOException e) {
            throw new IllegalStateException("cannot set the permissions of " + home + ": " + e.getMessage(), e);
        }
    }
}
