package dev.slipway.workers.supervise;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.messaging.EventCodec;
import dev.slipway.workers.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The releases the deploy workers of this host keep running, one record file per release
 * directory ({@code releases/<app>/<deployment>/<attempt>/release.json}: the command that started
 * it, config vars sealed as they came, and what its deployer answered), and who supervises each:
 * the worker holding the lock on its {@code supervisor.lock}. The OS drops a lock with the process
 * that held it, so a release whose worker died is free for the next worker to adopt, and two live
 * workers never supervise one release.
 */
@ApplicationScoped
public class RunningReleases {

    private static final Logger LOG = Logger.getLogger(RunningReleases.class);
    static final String RECORD = "release.json";
    static final String LOCK = "supervisor.lock";

    /** One release to keep running. */
    public record Record(Path workDir, DeployRequested command, DeploymentInfo release) {
    }

    private record Stored(DeployRequested command, DeploymentInfo release) {
    }

    private final Path releases;
    private final Map<Path, FileLock> held = new ConcurrentHashMap<>();
    /** The held ones whose release ran (was recorded), as opposed to those whose deployment is still starting. */
    private final Set<Path> recorded = ConcurrentHashMap.newKeySet();

    @Inject
    public RunningReleases(WorkerConfig config) {
        this(config.home().resolve("releases"));
    }

    RunningReleases(Path releases) {
        this.releases = releases;
    }

    /** Takes the release directory into this worker's care; false when another worker has it. */
    public synchronized boolean claim(Path workDir) {
        if (held.containsKey(workDir)) {
            return true;
        }
        try {
            FileChannel channel = FileChannel.open(workDir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return false;
            }
            held.put(workDir, lock);
            return true;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            LOG.warnf("cannot lock %s: %s", workDir, e.getMessage());
            return false;
        }
    }

    /** The release runs: written after its deployer answered, so a worker that starts again finds it. */
    public void record(Path workDir, DeployRequested command, DeploymentInfo release) throws IOException {
        Path next = workDir.resolve(RECORD + ".new");
        Files.deleteIfExists(next);
        // Owner-only from its creation: it holds the release's env, the config vars sealed.
        Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(next, EventCodec.encode(new Stored(command, release)));
        Files.move(next, workDir.resolve(RECORD), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        recorded.add(workDir);
    }

    /** This worker no longer looks after the release directory (its deployment failed, or it was stopped). */
    public synchronized void release(Path workDir) {
        recorded.remove(workDir);
        FileLock lock = held.remove(workDir);
        if (lock != null) {
            try {
                lock.channel().close();
            } catch (IOException e) {
                // Closed with the worker at the latest.
            }
        }
    }

    /** The release was stopped: no worker keeps it running any more, whichever attempt of it ran. */
    public void forget(String app, String releaseId) {
        try (Stream<Path> attempts = Files.list(releases.resolve(app).resolve(releaseId))) {
            for (Path workDir : attempts.toList()) {
                Files.deleteIfExists(workDir.resolve(RECORD));
                release(workDir);
            }
        } catch (IOException e) {
            // No release directory: nothing was kept running.
        }
    }

    /** Lets go of the releases this worker held that another worker stopped (their record is gone). */
    public void dropStopped() {
        for (Path workDir : List.copyOf(recorded)) {
            if (!Files.exists(workDir.resolve(RECORD))) {
                release(workDir);
            }
        }
    }

    /** The recorded releases no worker supervises, now claimed by this one. */
    public List<Record> unclaimed() {
        List<Record> found = new ArrayList<>();
        if (!Files.isDirectory(releases)) {
            return found;
        }
        try (Stream<Path> records = Files.find(releases, 4, (p, a) -> p.getFileName().toString().equals(RECORD)
                && p.getNameCount() == releases.getNameCount() + 4)) {
            for (Path file : records.toList()) {
                Path workDir = file.getParent();
                if (held.containsKey(workDir) || !claim(workDir)) {
                    continue;
                }
                try {
                    Stored stored = EventCodec.readStored(Files.readString(file), new TypeReference<>() { });
                    found.add(new Record(workDir, stored.command(), stored.release()));
                    recorded.add(workDir);
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("release record %s cannot be read, left alone: %s", file, e.getMessage());
                    release(workDir);
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot look for running releases in %s: %s", releases, e.getMessage());
        }
        return found;
    }
}
