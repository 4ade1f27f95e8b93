package dev.slipway.workers.supervise;

import dev.slipway.workers.stage.DeployStage;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks for releases no worker of this host supervises, at start and then every few seconds, and
 * hands each back to its deployer: those of a worker that was restarted, or of one that died
 * beside this one. The deployer watches the processes it finds running and starts the others.
 */
@ApplicationScoped
public class Adoption {

    private final RunningReleases running;
    private final DeployStage deploys;

    public Adoption(RunningReleases running, DeployStage deploys) {
        this.running = running;
        this.deploys = deploys;
    }

    /** Set once the worker has started: before, its channels may not be connected to report anything. */
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${slipway.adopt-every:10s}", delayed = "${slipway.adopt-delay:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void adoptUnsupervised() {
        if (!started) {
            return;
        }
        running.dropStopped();
        running.unclaimed().forEach(deploys::adopt);
    }
}
