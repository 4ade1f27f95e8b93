package dev.slipway.plugins.deploy.process;

import dev.slipway.api.Commands;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Finds and stops the process of a release, which may have been started by another worker's JVM. */
final class ReleaseProcess {

    static final long GRACE_SECONDS = 10;

    private ReleaseProcess() {
    }

    /** When the process started, in epoch ms, or -1 when the OS does not say. */
    static long startedAt(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    /** Kills at once, children first, and waits for all of it to be gone: for releases that never became healthy. */
    static void kill(ProcessHandle process) {
        List<ProcessHandle> tree = tree(process);
        Commands.destroyTree(process);
        awaitExit(tree, 5);
    }

    /** Asks the release to stop (SIGTERM), then kills what is left after a grace period. */
    static void stop(DeploymentInfo release, StageLog log) throws StageException {
        long pid = pid(release);
        Optional<ProcessHandle> found = pid < 0 ? Optional.empty() : ProcessHandle.of(pid);
        if (found.isEmpty() || !found.get().isAlive()) {
            log.line("release " + release.releaseId() + " is not running (pid " + pid + "); nothing to stop");
            return;
        }
        ProcessHandle process = found.get();
        long recorded = Long.parseLong(release.attributes().getOrDefault("startedAt", "-1"));
        long actual = startedAt(process);
        // A pid the OS has given to another process since: that one is not ours to stop.
        if (recorded >= 0 && actual >= 0 && recorded != actual) {
            log.line("pid " + pid + " now belongs to a process started at " + Instant.ofEpochMilli(actual)
                    + ", not the release; the release is already gone");
            return;
        }
        List<ProcessHandle> tree = tree(process);
        log.line("stopping release " + release.releaseId() + " (pid " + pid + ", " + tree.size() + " processes)");
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, GRACE_SECONDS)) {
            log.line("still running after " + GRACE_SECONDS + " s; killing it");
            tree.forEach(ProcessHandle::destroyForcibly);
            if (!awaitExit(tree, 5)) {
                throw new StageException("release " + release.releaseId() + " (pid " + pid + ") did not stop even"
                        + " after SIGKILL; check the host (a process stuck in the kernel?)");
            }
        }
        log.line("release " + release.releaseId() + " stopped");
    }

    private static long pid(DeploymentInfo release) throws StageException {
        String pid = release.attributes().get("pid");
        String workDir = release.attributes().get("workDir");
        try {
            if (pid == null && workDir != null && Files.exists(Path.of(workDir, ProcessDeployer.PID))) {
                pid = Files.readString(Path.of(workDir, ProcessDeployer.PID)).strip();
            }
            return pid == null ? -1 : Long.parseLong(pid.strip());
        } catch (IOException | NumberFormatException e) {
            throw new StageException("the pid of release " + release.releaseId() + " could not be read ("
                    + e.getMessage() + "); stop its process by hand", e);
        }
    }

    /** Children first, then the process itself. */
    private static List<ProcessHandle> tree(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process);
        return tree;
    }

    private static boolean awaitExit(List<ProcessHandle> processes, long seconds) {
        try {
            CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
