package dev.slipway.plugins.deploy.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One process of a release, as Heroku names dynos: {@code web.1}, {@code web.2}, {@code worker.1}.
 * It keeps its port across restarts, so the proxy's routing stays right while it is started again.
 */
final class Instance {

    final String type;
    final int index;
    final String command;
    /** 0 for a process without a port. */
    int port;
    /** The process as started by this JVM, {@code null} for one found running; its exit code is known only then. */
    volatile Process process;
    volatile ProcessHandle handle;
    /**
     * What the process had started when last looked at: killed once the process itself is gone, so
     * that a child it leaves behind (an app under {@code sh -c}) cannot keep the port or the log.
     */
    volatile List<ProcessHandle> descendants = List.of();
    /** When the process started: what its session holds from then on is its (see {@link Launcher}). */
    volatile Instant startedAt;
    volatile int restarts;
    /**
     * How far its log was reported as output ({@link dev.slipway.api.ProcessMonitor#output}); -1
     * until the supervisor takes it in, which then goes on from where the last one left it
     * ({@link #shippedFile}), or from the log's end.
     */
    long shipped = -1;
    volatile boolean givenUp;
    /** Crash times within the policy's window, oldest first; touched by the supervisor's one thread. */
    final Deque<Instant> crashes = new ArrayDeque<>();

    Instance(String type, int index, String command) {
        this.type = type;
        this.index = index;
        this.command = command;
    }

    String name() {
        return type + "." + index;
    }

    boolean web() {
        return Formation.WEB.equals(type);
    }

    Path pidFile(Path workDir) {
        return workDir.resolve(name() + ".pid");
    }

    Path logFile(Path workDir) {
        return workDir.resolve(name() + ".log");
    }

    /** How far its log was reported, kept so that a worker taking the release over goes on from there. */
    Path shippedFile(Path workDir) {
        return workDir.resolve(name() + ".shipped");
    }
}
