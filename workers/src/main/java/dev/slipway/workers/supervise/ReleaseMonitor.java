package dev.slipway.workers.supervise;

import dev.slipway.api.Commands;
import dev.slipway.api.ProcessMonitor;
import dev.slipway.api.StageLog;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.ProcessCrashed;
import dev.slipway.api.event.ProcessEvent;
import dev.slipway.api.event.ProcessStarted;
import dev.slipway.api.event.ProcessStopped;
import dev.slipway.api.event.ReleaseCrashed;
import dev.slipway.workers.isolation.SecretMask;
import dev.slipway.workers.stage.Facts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What a deployer reports about one release's processes: as facts on {@code slipway.events}, and
 * in the app's runtime log, both what they print and a line of the host's on each start, crash and
 * stop. The app's output is masked as the stage log is, and a fact that cannot be sent is logged,
 * never thrown at the supervisor that reported it.
 */
public final class ReleaseMonitor implements ProcessMonitor {

    private static final Logger LOG = Logger.getLogger(ReleaseMonitor.class);
    /** Lines, and characters, a second of one release's output that reach its runtime log. */
    static final int LINES_PER_SECOND = 200;
    static final long CHARS_PER_SECOND = 64 * 1024;

    /** Where a line a process printed goes, masked: {@code process} is its instance, {@code web.1}. */
    @FunctionalInterface
    public interface Output {
        void line(String process, String masked);
    }

    private final Facts facts;
    private final UUID deploymentId;
    private final String app;
    private final int attempt;
    private final String worker;
    private final SecretMask mask;
    private final StageLog log;
    private final Output output;
    /** Per process instance: one chatty process must not crowd the others out of the runtime log. */
    private final Map<String, OutputBudget> budgets = new ConcurrentHashMap<>();

    public ReleaseMonitor(Facts facts, DeployRequested command, String worker, SecretMask mask, StageLog log,
                          Output output) {
        this.output = output;
        this.facts = facts;
        this.deploymentId = command.deploymentId();
        this.app = command.app();
        this.attempt = command.attempt();
        this.worker = worker;
        this.mask = mask;
        this.log = log;
    }

    @Override
    public void started(String type, int index, long pid, int port, Instant startedAt, int restarts) {
        log.line(name(type, index) + (restarts > 0 ? " started again" : " started") + " (pid " + pid
                + (port > 0 ? ", port " + port : "") + ")");
        publish(new ProcessStarted(deploymentId, app, attempt, type, index, pid, port, startedAt, restarts, worker));
    }

    @Override
    public void crashed(String type, int index, Integer exitCode, List<String> lastLines, int restarts,
                        Duration restartIn) {
        log.line(name(type, index) + " " + (exitCode == null
                ? "is gone (its exit code is unknown: an earlier worker started it)" : Commands.describeExit(exitCode))
                + (restartIn == null ? "; not started again" : "; starting it again in " + restartIn.toMillis() + " ms"));
        publish(new ProcessCrashed(deploymentId, app, attempt, type, index, exitCode,
                lastLines.stream().map(mask::mask).toList(), restarts, restartIn));
    }

    @Override
    public void output(String type, int index, List<String> lines) {
        String process = name(type, index);
        OutputBudget.Admitted admitted = budgets.computeIfAbsent(process,
                p -> new OutputBudget(LINES_PER_SECOND, CHARS_PER_SECOND, System::nanoTime)).admit(lines);
        if (admitted.droppedBefore() > 0) {
            log.line(process + ": " + admitted.droppedBefore() + " lines of output dropped: it printed more than "
                    + LINES_PER_SECOND + " lines or " + CHARS_PER_SECOND / 1024 + " KiB a second");
        }
        for (String line : admitted.lines()) {
            output.line(process, mask.mask(line));
        }
    }

    @Override
    public void stopped(String type, int index) {
        log.line(name(type, index) + " stopped");
        publish(new ProcessStopped(deploymentId, app, attempt, type, index));
    }

    @Override
    public void releaseCrashed(String reason) {
        String masked = mask.mask(reason);
        log.line("release crashed: " + masked);
        publish(new ReleaseCrashed(deploymentId, app, attempt, masked));
    }

    /** {@code web.1}: a process as the runtime log and {@code slip ps} name it. */
    private static String name(String type, int index) {
        return type + "." + index;
    }

    private void publish(ProcessEvent fact) {
        try {
            facts.publish(fact);
        } catch (RuntimeException e) {
            LOG.errorf("%s of %s %s could not be sent: %s", fact.type(), app, deploymentId, e.getMessage());
        }
    }
}
