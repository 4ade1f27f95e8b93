package dev.slipway.plugins.deploy.process;

import dev.slipway.api.Commands;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps the processes of the releases a deployer started, or adopted, running: a process that
 * exits on its own is reported as crashed, with its exit code and last lines, and started again
 * after the policy's back-off, until it crashed too often in the window and the release is
 * reported crashed. All its work runs on one daemon thread, so an instance is never handled twice
 * at once; it also renews the port reservations of the processes it keeps, and reports what they
 * print as it is written.
 */
final class Supervisor {

    static final int LAST_LINES = 20;
    private static final System.Logger LOG = System.getLogger(Supervisor.class.getName());
    private static final Duration RENEW_EVERY = Duration.ofSeconds(30);
    private static final Duration SHIP_EVERY = Duration.ofMillis(500);
    /** What is read of a process's output at most in one go: far more than the host keeps of it a second. */
    private static final long MAX_BACKLOG_BYTES = 256 * 1024;

    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "process-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Path, SupervisedRelease> releases = new ConcurrentHashMap<>();

    Supervisor(Clock clock) {
        this.clock = clock;
        timer.scheduleWithFixedDelay(this::renew, RENEW_EVERY.toSeconds(), RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::shipOutput, SHIP_EVERY.toMillis(), SHIP_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    boolean supervises(Path workDir) {
        return releases.containsKey(workDir);
    }

    /** Takes the release into care: its live processes are watched, the others count as crashed. */
    void supervise(SupervisedRelease release) {
        releases.put(release.workDir, release);
        // Now, not on the timer: a process that dies before the timer gets to it leaves its children known.
        release.instances.forEach(Supervisor::look);
        timer.execute(() -> {
            for (Instance instance : release.instances) {
                if (instance.handle != null && Commands.running(instance.handle)) {
                    started(release, instance);
                } else if (instance.process != null) {
                    exited(release, instance, instance.handle); // gone before it was taken in, its exit code known
                } else {
                    killLeftovers(instance);
                    crashed(release, instance, null, ProcessLog.lastLines(instance.logFile(release.workDir), LAST_LINES));
                }
            }
        });
    }

    /** The release is being stopped: nothing of it is started again from now on; {@link #stopped} once it is. */
    SupervisedRelease release(Path workDir) {
        SupervisedRelease release = releases.remove(workDir);
        if (release != null) {
            release.forgotten = true;
        }
        return release;
    }

    /** The released release's processes are gone: what they printed last (on SIGTERM, say) is reported, then their end. */
    void stopped(SupervisedRelease release) {
        try {
            timer.submit(() -> farewell(release)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "the end of " + release.workDir + " could not be reported: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stopped by another worker of the host (its marker file): let go of it. */
    void forget(Path workDir) {
        SupervisedRelease release = release(workDir);
        if (release != null) {
            farewell(release);
        }
    }

    /** The last of each process's output, then its end. */
    private static void farewell(SupervisedRelease release) {
        for (Instance instance : release.instances) {
            ship(release, instance);
            release.monitor.stopped(instance.type, instance.index);
        }
    }

    private void started(SupervisedRelease release, Instance instance) {
        ProcessHandle handle = instance.handle;
        instance.startedAt = handle.info().startInstant().orElse(clock.instant());
        release.monitor.started(instance.type, instance.index, handle.pid(), instance.port, instance.startedAt,
                instance.restarts);
        look(instance);
        // Its children appear once its command got going (a crash in its first seconds must find them too);
        // looked at again at every renewal.
        for (long millis : List.of(250L, 1000L, 2000L, 5000L)) {
            timer.schedule(() -> look(instance), millis, TimeUnit.MILLISECONDS);
        }
        if (instance.process != null) {
            // The process alone, not its log filter: a child it leaves behind would hold the filter's pipe open.
            handle.onExit().whenCompleteAsync((done, failure) -> exited(release, instance, handle), timer);
        } else {
            awaitAdoptedExit(release, instance, handle);
        }
    }

    /**
     * An adopted process is not this JVM's child: its {@code onExit} waits for it to vanish, and
     * where no init reaps orphans it stays a zombie, so its end is looked for instead.
     */
    private void awaitAdoptedExit(SupervisedRelease release, Instance instance, ProcessHandle handle) {
        if (instance.handle != handle) {
            return;
        }
        if (Commands.running(handle)) {
            timer.schedule(() -> awaitAdoptedExit(release, instance, handle), 500, TimeUnit.MILLISECONDS);
        } else {
            exited(release, instance, handle);
        }
    }

    private static void look(Instance instance) {
        ProcessHandle handle = instance.handle;
        if (handle != null && handle.isAlive()) {
            instance.descendants = handle.descendants().toList();
        }
    }

    /** Kills what the instance's process left running when it died: it could hold its port or its files. */
    private static void killLeftovers(Instance instance) {
        // A handle checks the start time too: a pid given to another process since is not touched.
        Set<ProcessHandle> left = instance.descendants.stream().filter(Commands::running)
                .collect(Collectors.toCollection(HashSet::new));
        if (instance.handle != null && instance.startedAt != null) {
            // Children it started after it was last looked at: only its session still knows them.
            left.addAll(Commands.session(instance.handle.pid(), instance.startedAt));
        }
        left.forEach(ProcessHandle::destroyForcibly);
        Commands.awaitFinished(List.copyOf(left), 5);
    }

    private void exited(SupervisedRelease release, Instance instance, ProcessHandle handle) {
        if (instance.handle != handle) {
            return;
        }
        killLeftovers(instance);
        if (release.stopping()) {
            return;
        }
        ship(release, instance); // its last words before the crash is reported
        Integer code = null;
        Process process = instance.process;
        if (process != null && process.pid() == handle.pid()) {
            try {
                process.waitFor(2, TimeUnit.SECONDS); // its last output into the log
                code = process.exitValue();
            } catch (IllegalThreadStateException e) {
                // Its output is still being written; the code is not worth waiting for.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        crashed(release, instance, code, ProcessLog.lastLines(instance.logFile(release.workDir), LAST_LINES));
    }

    private void crashed(SupervisedRelease release, Instance instance, Integer code, List<String> lastLines) {
        if (release.stopping()) {
            return;
        }
        Duration delay = release.policy.afterCrash(instance.crashes, clock.instant());
        release.monitor.crashed(instance.type, instance.index, code, lastLines, instance.restarts, delay);
        if (delay == null) {
            instance.givenUp = true;
            release.monitor.releaseCrashed(release.policy.gaveUp(instance.name()));
            return;
        }
        timer.schedule(() -> restart(release, instance), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(SupervisedRelease release, Instance instance) {
        if (release.stopping()) {
            return;
        }
        try {
            if (instance.port > 0) {
                release.ports.renew(instance.port, release.owner(instance));
            }
            instance.restarts++;
            release.launcher.start(instance);
        } catch (IOException | RuntimeException e) {
            crashed(release, instance, null, List.of("could not be started again: " + e.getMessage()));
            return;
        }
        if (release.stopping()) {
            // Stopped by another worker while this one started it: what it started is not left behind.
            ReleaseProcess.kill(instance.handle);
            return;
        }
        started(release, instance);
    }

    private void shipOutput() {
        for (SupervisedRelease release : List.copyOf(releases.values())) {
            release.instances.forEach(instance -> ship(release, instance));
        }
    }

    /** Reports the complete lines the instance wrote since the last time. */
    private static void ship(SupervisedRelease release, Instance instance) {
        Path file = instance.logFile(release.workDir);
        try {
            long end = ProcessLog.end(file);
            if (instance.shipped < 0) {
                long saved = saved(instance.shippedFile(release.workDir));
                instance.shipped = saved >= 0 && saved <= end ? saved : end;
            }
            long before = instance.shipped;
            List<String> skipped = List.of();
            if (end - instance.shipped > MAX_BACKLOG_BYTES) {
                // More than the runtime log keeps came since: live lines matter, not a growing delay.
                skipped = List.of("(" + (end - instance.shipped - MAX_BACKLOG_BYTES) + " bytes of output skipped: "
                        + instance.name() + " printed faster than its log is read)");
                instance.shipped = end - MAX_BACKLOG_BYTES;
            }
            ProcessLog.Chunk chunk = ProcessLog.after(file, instance.shipped);
            instance.shipped = chunk.next();
            List<String> lines = skipped.isEmpty() ? chunk.lines()
                    : Stream.concat(skipped.stream(), chunk.lines().stream()).toList();
            if (!lines.isEmpty()) {
                release.monitor.output(instance.type, instance.index, lines);
            }
            if (instance.shipped != before) {
                Files.writeString(instance.shippedFile(release.workDir), Long.toString(instance.shipped));
            }
        } catch (FileNotFoundException e) {
            // Not started yet.
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the output of " + instance.name() + " in " + release.workDir
                    + " could not be read: " + e.getMessage());
        }
    }

    /** The offset a supervisor of the release saved, or -1. */
    private static long saved(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private void renew() {
        for (SupervisedRelease release : List.copyOf(releases.values())) {
            if (ReleaseProcess.stopping(release.workDir)) {
                forget(release.workDir);
                continue;
            }
            for (Instance instance : release.instances) {
                look(instance);
                if (instance.port > 0) {
                    release.ports.renew(instance.port, release.owner(instance));
                }
            }
        }
    }
}
