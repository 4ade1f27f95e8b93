package dev.slipway.workers.plugin;

import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.WorkerAnnounced;
import dev.slipway.workers.stage.WorkerIdentity;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Tells the orchestrator, on {@code slipway.workers}, which roles this worker plays and which
 * plugins it has, loaded or refused, so the API can list them and refuse a strategy name no worker
 * knows. Sent when the plugins change and periodically: an announcement that stops being renewed
 * means the worker is gone.
 */
@ApplicationScoped
public class WorkerAnnouncer {

    private static final Logger LOG = Logger.getLogger(WorkerAnnouncer.class);
    private static final List<String> ROLES = List.of("build", "deploy", "proxy", "hook");

    private final MutinyEmitter<String> workers;
    private final PluginRegistry registry;
    private final String worker;
    private final List<String> roles;
    private final Clock clock;
    /** Whether an announcement went out since this worker started. */
    private volatile boolean announced;

    public WorkerAnnouncer(@Channel("workers") MutinyEmitter<String> workers, PluginRegistry registry,
                           WorkerIdentity identity, Config config, Clock clock) {
        this.workers = workers;
        this.registry = registry;
        this.worker = identity.name();
        this.clock = clock;
        this.roles = ROLES.stream().filter(role -> config.getOptionalValue(
                "mp.messaging.incoming." + role + ".enabled", Boolean.class).orElse(true)).toList();
    }

    @Scheduled(every = "${slipway.announce-every:30s}", delayed = "3s")
    Uni<Void> announce() {
        WorkerAnnounced now = new WorkerAnnounced(worker, roles, registry.descriptions(), clock.instant());
        return workers.sendMessage(Message.of(EventCodec.encode(now))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(now.worker()).build()))
                .invoke(() -> announced = true);
    }

    /**
     * Tries every second until the first announcement is out: the channel may not be connected yet
     * when the periodic one first fires, and until the orchestrator hears from a worker it takes
     * it for absent (for an install, for checking strategy names).
     */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> announceUntilHeard() {
        return announced ? Uni.createFrom().voidItem() : announce();
    }

    void pluginsChanged(@Observes PluginRegistry.Changed changed) {
        announce().subscribe().with(done -> { }, e -> LOG.warnf("the changed plugins could not be announced: %s", e));
    }
}
