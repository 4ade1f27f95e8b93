package dev.slipway.orchestrator.retention;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.event.CleanupRequested;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.outbox.Outbox;
import dev.slipway.orchestrator.outbox.OutboxRelay;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Garbage-collects what deployments leave behind, on a schedule: for each app the directories of
 * deployments {@link RetentionPlan} no longer needs (removed by a deploy worker: "the orchestrator
 * decides, workers do"), their source archives (the orchestrator's own, removed here), and stored
 * log lines older than {@code slipway.retention.log-lines}. A pruned deployment is marked, so it
 * is asked for once; its rows and events stay as history.
 */
@ApplicationScoped
public class RetentionSweep {

    private static final Logger LOG = Logger.getLogger(RetentionSweep.class);

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final SourceFiles sources;
    private final Vertx vertx;
    private final Clock clock;
    private final int keep;
    private final Duration logLines;

    public RetentionSweep(Mutiny.SessionFactory sessions, Outbox outbox, OutboxRelay relay, SourceFiles sources,
                          Vertx vertx, Clock clock, SlipwayConfig config) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.relay = relay;
        this.sources = sources;
        this.vertx = vertx;
        this.clock = clock;
        this.keep = config.retention().releases();
        this.logLines = config.retention().logLines();
    }

    @Scheduled(every = "${slipway.retention.every:10m}", delayed = "${slipway.retention.first-sweep:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return prune().chain(this::removeSources).chain(this::expireLogLines);
    }

    /** Marks and asks for the removal of what no app needs; returns the source archives to delete. */
    Uni<List<String>> prune() {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.createQuery("from App", App.class).getResultList()
                        .chain(apps -> session.createQuery("from Deployment where prunedAt is null", Deployment.class)
                                .getResultList().chain(deployments -> {
                                    Map<String, List<Deployment>> byApp = deployments.stream()
                                            .collect(Collectors.groupingBy(d -> d.app));
                                    List<String> removed = new ArrayList<>();
                                    return Multi.createFrom().iterable(apps)
                                            .onItem().transformToUniAndConcatenate(app -> pruneApp(session, app,
                                                    byApp.getOrDefault(app.name, List.of()), now, removed))
                                            .collect().last().replaceWith(removed);
                                })))
                .invoke(relay::wake);
    }

    private Uni<Void> pruneApp(Mutiny.Session session, App app, List<Deployment> deployments, Instant now,
                               List<String> removedSources) {
        RetentionPlan.Pruned pruned = RetentionPlan.of(deployments.stream().map(RetentionSweep::candidate).toList(),
                app.currentDeployment, keep);
        if (pruned.deployments().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        deployments.stream().filter(d -> pruned.deployments().contains(d.id)).forEach(d -> d.prunedAt = now);
        removedSources.addAll(pruned.sources());
        LOG.infof("retention: removing the files of %d deployments of %s", pruned.deployments().size(), app.name);
        return outbox.enqueue(session, new CleanupRequested(app.commandId(), app.name, 1, pruned.deployments(),
                List.of(), false), Duration.ZERO);
    }

    private static RetentionPlan.Candidate candidate(Deployment d) {
        BuildArtifact artifact = d.artifact();
        return new RetentionPlan.Candidate(d.id, d.state.isTerminal(), d.release,
                artifact == null ? null : BuildDirs.deploymentOf(artifact.root(), d.app), d.source);
    }

    private Uni<Void> removeSources(List<String> files) {
        return files.isEmpty() ? Uni.createFrom().voidItem()
                : vertx.executeBlocking(Uni.createFrom().item(() -> {
                    sources.remove(files.stream().map(Path::of).toList());
                    return null;
                })).replaceWithVoid();
    }

    Uni<Void> expireLogLines() {
        return sessions.withTransaction(session -> session.createNativeQuery("delete from log_lines where logged_at < ?1")
                        .setParameter(1, clock.instant().minus(logLines)).executeUpdate())
                .invoke(rows -> {
                    if (rows > 0) {
                        LOG.infof("retention: %d log lines older than %s removed", rows, logLines);
                    }
                })
                .replaceWithVoid();
    }
}
