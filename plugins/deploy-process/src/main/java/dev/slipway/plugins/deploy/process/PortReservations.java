package dev.slipway.plugins.deploy.process;

import dev.slipway.api.StageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Hands out the ports of web processes so that no two deployers of one host (two workers, or two
 * stages of one) ever give out the same one. Choosing happens under a host-wide lock file, and a
 * chosen port is reserved by a file in {@code <state-dir>/ports/} until its release stops: a port
 * is free only when nothing listens on it and no live reservation holds it. The supervisor renews
 * the reservations of the processes it keeps running; one no worker renews any more (its worker
 * died, and nobody adopted its release) lapses after {@link #LEASE}.
 */
final class PortReservations {

    static final Duration LEASE = Duration.ofMinutes(2);
    /** The file lock is the JVM's, not a thread's: threads of one worker take turns here first. */
    private static final Object JVM_LOCK = new Object();

    private final ProcessSettings settings;
    private final Path dir;
    private final Clock clock;

    PortReservations(ProcessSettings settings, Clock clock) {
        this.settings = settings;
        this.dir = settings.stateDir().resolve("ports");
        this.clock = clock;
    }

    /** A port of the range for {@code owner} (a release's process), reserved for it. */
    int reserve(String owner) throws StageException {
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(dir);
                try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                    for (int port = settings.firstPort(); port <= settings.lastPort(); port++) {
                        if (!held(port) && isFree(settings.bindHost(), port)) {
                            Files.writeString(file(port), owner + "\n");
                            return port;
                        }
                    }
                }
            } catch (IOException e) {
                throw new StageException("cannot reserve a port in " + dir + ": " + e.getMessage(), e);
            }
        }
        throw new StageException("no free port in " + settings.firstPort() + "-" + settings.lastPort() + " on "
                + settings.bindHost() + ": stop unused releases or widen slipway.plugins.process.port-range");
    }

    /** Keeps the reservation of a port that is in use alive (or takes it again for a release found running). */
    void renew(int port, String owner) {
        try {
            Path file = file(port);
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                Files.writeString(file, owner + "\n");
            }
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        } catch (IOException e) {
            // Renewed again at the next round; until the lease ends nobody else takes the port.
        }
    }

    void release(int port) {
        try {
            Files.deleteIfExists(file(port));
        } catch (IOException e) {
            // It lapses on its own.
        }
    }

    private boolean held(int port) throws IOException {
        Path file = file(port);
        if (!Files.exists(file)) {
            return false;
        }
        Instant renewed = Files.getLastModifiedTime(file).toInstant();
        return renewed.isAfter(clock.instant().minus(LEASE));
    }

    private Path file(int port) {
        return dir.resolve(Integer.toString(port));
    }

    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
