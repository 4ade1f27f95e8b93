package dev.slipway.plugins.deploy.process;

import dev.slipway.api.Commands;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and stops the processes of a release, which may have been started by another worker's JVM
 * and may be supervised by another: a marker file in the release's directory tells every
 * supervisor that the release is being stopped, so none starts a process of it again.
 */
final class ReleaseProcess {

    static final long GRACE_SECONDS = 10;
    static final String STOPPED = "stopped";

    private ReleaseProcess() {
    }

    /** Whether the release in {@code workDir} was told to stop: its processes are not started again. */
    static boolean stopping(Path workDir) {
        return Files.exists(workDir.resolve(STOPPED));
    }

    /** Kills at once, children first, and waits for all of it to be gone: for releases that never became healthy. */
    static void kill(ProcessHandle process) {
        List<ProcessHandle> tree = tree(process);
        Commands.destroyTree(process);
        Commands.awaitFinished(tree, 5);
    }

    /** Asks every process of the release to stop (SIGTERM), then kills what is left after a grace period. */
    static void stop(DeploymentInfo release, StageLog log, PortReservations ports) throws StageException {
        List<PidFile.Entry> entries = new ArrayList<>();
        String workDir = release.attributes().get("workDir");
        if (workDir != null && Files.isDirectory(Path.of(workDir))) {
            Path dir = Path.of(workDir);
            try {
                Files.writeString(dir.resolve(STOPPED), "stopped\n");
            } catch (IOException e) {
                throw new StageException("cannot mark release " + release.releaseId() + " as stopped in " + dir
                        + ": " + e.getMessage(), e);
            }
            entries.addAll(pidFiles(dir));
        }
        if (entries.isEmpty() && release.attributes().containsKey("pid")) {
            // A release started before processes had pid files of their own.
            entries.add(new PidFile.Entry(Long.parseLong(release.attributes().get("pid").strip()),
                    Long.parseLong(release.attributes().getOrDefault("startedAt", "-1")), 0, 0));
        }
        List<ProcessHandle> tree = new ArrayList<>();
        for (PidFile.Entry entry : entries) {
            entry.running().ifPresent(process -> tree.addAll(tree(process)));
        }
        if (tree.isEmpty()) {
            log.line("release " + release.releaseId() + " is not running; nothing to stop");
        } else {
            log.line("stopping release " + release.releaseId() + " (" + tree.size() + " processes)");
            tree.forEach(ProcessHandle::destroy);
            if (!Commands.awaitFinished(tree, GRACE_SECONDS)) {
                log.line("still running after " + GRACE_SECONDS + " s; killing it");
                tree.forEach(ProcessHandle::destroyForcibly);
                if (!Commands.awaitFinished(tree, 5)) {
                    throw new StageException("release " + release.releaseId() + " did not stop even after SIGKILL;"
                            + " check the host (a process stuck in the kernel?)");
                }
            }
            log.line("release " + release.releaseId() + " stopped");
        }
        entries.stream().filter(e -> e.port() > 0).forEach(e -> ports.release(e.port()));
    }

    /** The pid files of a release's processes. */
    static List<PidFile.Entry> pidFiles(Path workDir) throws StageException {
        List<PidFile.Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(workDir, "*.pid")) {
            for (Path file : files) {
                PidFile.read(file).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new StageException("the pid files of the release in " + workDir + " could not be read ("
                    + e.getMessage() + "); stop its processes by hand", e);
        }
        return entries;
    }

    /** Children first, then the process itself. */
    static List<ProcessHandle> tree(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process);
        return tree;
    }

    /** The running process a pid file names, if any. */
    static Optional<ProcessHandle> running(Path pidFile) {
        return PidFile.read(pidFile).flatMap(PidFile.Entry::running);
    }
}
