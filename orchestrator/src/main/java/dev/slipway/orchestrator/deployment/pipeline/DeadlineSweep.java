package dev.slipway.orchestrator.deployment.pipeline;

import dev.slipway.api.event.StageTimedOut;
import dev.slipway.orchestrator.deployment.Deployment;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Finds stages past their deadline and records that they timed out; the workflow decides whether
 * to issue them again or to give up. The fact's id is derived from the deployment, stage and
 * attempt, so replicas sweeping at the same time record it once.
 */
@ApplicationScoped
public class DeadlineSweep {

    private static final int BATCH = 50;

    private final Mutiny.SessionFactory sessions;
    private final DeploymentProcess process;
    private final Clock clock;

    public DeadlineSweep(Mutiny.SessionFactory sessions, DeploymentProcess process, Clock clock) {
        this.sessions = sessions;
        this.process = process;
        this.clock = clock;
    }

    @Scheduled(every = "${slipway.stages.sweep:2s}", delayed = "${slipway.outbox.first-sweep:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sessions.withSession(session -> session.createQuery(
                                "from Deployment where stageDeadline < :now order by stageDeadline", Deployment.class)
                        .setParameter("now", clock.instant())
                        .setMaxResults(BATCH)
                        .getResultList())
                .onItem().transformToMulti(overdue -> Multi.createFrom().iterable(overdue))
                .onItem().transformToUniAndConcatenate(d -> {
                    StageTimedOut timedOut = new StageTimedOut(d.id, d.app, d.attempt, d.state.stage().wire());
                    UUID id = UUID.nameUUIDFromBytes(("timeout " + d.id + " " + timedOut.stage() + " " + d.attempt)
                            .getBytes(StandardCharsets.UTF_8));
                    return process.record(id, timedOut);
                })
                .collect().last().replaceWithVoid();
    }
}
