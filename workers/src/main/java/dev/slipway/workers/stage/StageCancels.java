package dev.slipway.workers.stage;

import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.CancelRequested;
import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.HookRequested;
import dev.slipway.workers.isolation.Isolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Cancelled deployments, as this worker knows them: a stage of one that runs here is stopped at
 * once, and one that has not started yet never starts. A build or hook is stopped by interrupting
 * the thread that runs it ({@code Commands.run} then kills the command's process tree) and, for a
 * build, by killing everything in its own control group, which catches what left the tree. A deploy
 * is not interrupted: it starts the release beside the one serving, and the orchestrator stops a
 * release that comes up after its deployment was cancelled.
 */
@ApplicationScoped
public class StageCancels {

    private static final Logger LOG = Logger.getLogger(StageCancels.class);
    /** Enough to outlast any command still queued for a cancelled deployment; the newest are kept. */
    private static final int REMEMBERED = 10_000;

    /** Kills what is left in one of an app's control groups: (app, group). */
    private final BiConsumer<String, String> killGroup;
    private final Set<UUID> cancelled = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    private final Map<UUID, Thread> running = new HashMap<>();

    @Inject
    public StageCancels(Isolation isolation) {
        this(isolation::killGroup);
    }

    StageCancels(BiConsumer<String, String> killGroup) {
        this.killGroup = killGroup;
    }

    /** A stage running on the calling thread; closing it ends its registration. */
    public interface Running extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether {@code command} belongs to a deployment cancelled before it started here. */
    public synchronized boolean skips(Command command) {
        return (command instanceof BuildRequested || command instanceof DeployRequested
                || command instanceof HookRequested) && cancelled.contains(command.deploymentId());
    }

    /** Registers the calling thread as running {@code command}, if it is a stage that can be stopped. */
    public synchronized Running running(Command command) {
        if (!(command instanceof BuildRequested || command instanceof HookRequested)) {
            return () -> { };
        }
        UUID id = command.deploymentId();
        Thread thread = Thread.currentThread();
        running.put(id, thread);
        if (cancelled.contains(id)) {
            // The cancel came between skips() and here: the stage stops as soon as it starts.
            thread.interrupt();
        }
        return () -> {
            synchronized (this) {
                running.remove(id, thread);
                // An interrupt meant for this stage must not reach the next thing the thread does.
                Thread.interrupted();
            }
        };
    }

    public void cancel(CancelRequested cancel) {
        Thread thread;
        synchronized (this) {
            cancelled.add(cancel.deploymentId());
            thread = running.get(cancel.deploymentId());
            if (thread != null) {
                thread.interrupt();
            }
        }
        if (thread != null) {
            LOG.infof("deployment %s of %s cancelled: its %s is being stopped", cancel.deploymentId(), cancel.app(),
                    cancel.stage());
        }
        if ("build".equals(cancel.stage())) {
            // Wherever the build runs: its group is the host's, and named after the deployment and attempt.
            killGroup.accept(cancel.app(), Isolation.buildGroup(cancel.deploymentId(), cancel.attempt()));
        }
    }
}
