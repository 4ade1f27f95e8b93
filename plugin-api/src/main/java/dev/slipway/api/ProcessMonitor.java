package dev.slipway.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a deployer reports the processes of a release it keeps running after {@link
 * Deployer#deploy} returned: the host turns each report into an event (its text masked) and keeps
 * the app's process list from them. A monitor stays valid for as long as the release runs, from
 * any thread. A process is named by its type ({@code web}, {@code worker}, …) and its index (1, 2, …).
 */
public interface ProcessMonitor {

    /** The process runs: first started, started again after a crash, or found running by a worker that started again. */
    void started(String type, int index, long pid, int port, Instant startedAt, int restarts);

    /**
     * The process exited on its own.
     *
     * @param exitCode  its exit status, {@code null} when unknown (a process this worker did not start)
     * @param lastLines its last lines of output
     * @param restartIn when it is started again, {@code null} when it is not
     */
    void crashed(String type, int index, Integer exitCode, List<String> lastLines, int restarts, Duration restartIn);

    /**
     * Lines the process printed, in order, each without its line break: the app's runtime log. The
     * host masks them and may drop lines of a release that prints more than it keeps, saying so.
     */
    default void output(String type, int index, List<String> lines) {
    }

    /** The process was stopped on purpose. */
    void stopped(String type, int index);

    /** The release gave up: a process crashed too often, and is not started again. */
    void releaseCrashed(String reason);

    /** Reports go nowhere: for hosts and tests that keep no process list. */
    static ProcessMonitor none() {
        return new ProcessMonitor() {
            @Override
            public void started(String type, int index, long pid, int port, Instant startedAt, int restarts) {
            }

            @Override
            public void crashed(String type, int index, Integer exitCode, List<String> lastLines, int restarts,
                                Duration restartIn) {
            }

            @Override
            public void stopped(String type, int index) {
            }

            @Override
            public void releaseCrashed(String reason) {
            }
        };
    }
}
