package dev.slipway.workers.supervise;

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
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a deployer reports about one release's processes, as facts on {@code slipway.events}: the
 * app's output they quote is masked as the stage log is, and a fact that cannot be sent is logged,
 * never thrown at the supervisor that reported it.
 */
public final class ReleaseMonitor implements ProcessMonitor {

    private static final Logger LOG = Logger.getLogger(ReleaseMonitor.class);

    private final Facts facts;
    private final UUID deploymentId;
    private final String app;
    private final int attempt;
    private final String worker;
    private final SecretMask mask;
    private final StageLog log;

    public ReleaseMonitor(Facts facts, DeployRequested command, String worker, SecretMask mask, StageLog log) {
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
        publish(new ProcessStarted(deploymentId, app, attempt, type, index, pid, port, startedAt, restarts, worker));
    }

    @Override
    public void crashed(String type, int index, Integer exitCode, List<String> lastLines, int restarts,
                        Duration restartIn) {
        publish(new ProcessCrashed(deploymentId, app, attempt, type, index, exitCode,
                lastLines.stream().map(mask::mask).toList(), restarts, restartIn));
    }

    @Override
    public void stopped(String type, int index) {
        publish(new ProcessStopped(deploymentId, app, attempt, type, index));
    }

    @Override
    public void releaseCrashed(String reason) {
        String masked = mask.mask(reason);
        log.line("release crashed: " + masked);
        publish(new ReleaseCrashed(deploymentId, app, attempt, masked));
    }

    private void publish(ProcessEvent fact) {
        try {
            facts.publish(fact);
        } catch (RuntimeException e) {
            LOG.errorf("%s of %s %s could not be sent: %s", fact.type(), app, deploymentId, e.getMessage());
        }
    }
}
