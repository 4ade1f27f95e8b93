package dev.slipway.orchestrator.config;

import dev.slipway.messaging.secrets.SecretBox;
import dev.slipway.orchestrator.workflow.DeploymentState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Seals every stored value again with the newest key version, after a rotation: config vars, the
 * deployments' configs and the outbox's commands. One short transaction per batch, so deployments
 * keep running; values already at the newest version are left alone, so it is safe to run twice.
 * A deployment that started during a pass may have copied a var before it was re-sealed: passes
 * repeat until one finds nothing to do.
 */
@ApplicationScoped
public class Resealing {

    private static final Logger LOG = Logger.getLogger(Resealing.class);
    private static final int BATCH = 100;
    private static final int MAX_PASSES = 3;

    /**
     * @param version             the key version everything is sealed with now
     * @param resealed            values sealed again, per table
     * @param unreadable          values that did not open (sealed with a version no longer held, or altered), per table
     * @param deploymentsInFlight deployments not finished: commands already on Kafka may carry older versions
     */
    public record Report(int version, Map<String, Integer> resealed, Map<String, Integer> unreadable,
                         long deploymentsInFlight) {
    }

    private final Mutiny.SessionFactory sessions;
    private final Secrets secrets;

    public Resealing(Mutiny.SessionFactory sessions, Secrets secrets) {
        this.sessions = sessions;
        this.secrets = secrets;
    }

    public Uni<Report> resealAll() {
        secrets.box(); // no key file: refused before anything is read
        return pass(1, new LinkedHashMap<>()).chain(result -> inFlight().map(inFlight -> {
            Report report = new Report(secrets.box().newestVersion(), result.resealed(), result.unreadable(), inFlight);
            LOG.infof("re-sealed with key version %d: %s; could not open: %s; deployments in flight: %d",
                    report.version(), report.resealed(), report.unreadable(), inFlight);
            return report;
        }));
    }

    private record Passes(Map<String, Integer> resealed, Map<String, Integer> unreadable) {
    }

    private Uni<Passes> pass(int number, Map<String, Integer> resealed) {
        Map<String, Tally> thisPass = new LinkedHashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (SealedTables.Table<?> table : SealedTables.ALL) {
            all = all.chain(() -> table(table, null, Tally.NONE).invoke(tally -> thisPass.put(table.name(), tally)))
                    .replaceWithVoid();
        }
        return all.chain(() -> {
            thisPass.forEach((name, tally) -> resealed.merge(name, tally.resealed(), Integer::sum));
            if (number < MAX_PASSES && thisPass.values().stream().anyMatch(t -> t.resealed() > 0)) {
                return pass(number + 1, resealed);
            }
            Map<String, Integer> unreadable = new LinkedHashMap<>();
            thisPass.forEach((name, tally) -> unreadable.put(name, tally.unreadable()));
            return Uni.createFrom().item(new Passes(resealed, unreadable));
        });
    }

    private <R> Uni<Tally> table(SealedTables.Table<R> table, R after, Tally sofar) {
        return sessions.withTransaction(session -> table.batchAfter(session, after, BATCH).map(rows -> {
            SecretBox box = secrets.box(); // per batch: a key added meanwhile is used from the next one
            Tally tally = sofar;
            for (R row : rows) {
                tally = tally.plus(table.reseal(row, box));
            }
            return new Batch<>(rows, tally);
        })).chain(batch -> batch.rows().size() < BATCH ? Uni.createFrom().item(batch.tally())
                : table(table, batch.rows().get(batch.rows().size() - 1), batch.tally()));
    }

    private record Batch<R>(List<R> rows, Tally tally) {
    }

    private Uni<Long> inFlight() {
        List<DeploymentState> finished = Arrays.stream(DeploymentState.values()).filter(DeploymentState::isTerminal)
                .toList();
        return sessions.withSession(session -> session.createSelectionQuery(
                        "select count(d) from Deployment d where d.state not in :finished",
                        Long.class)
                .setParameter("finished", finished).getSingleResult());
    }
}
