package dev.slipway.orchestrator.deployment.pipeline;

import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.workflow.DeploymentState;
import io.smallrye.mutiny.Uni;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The queries behind an app's deployment queue. Callers hold the lock of the app's row, so that
 * request numbers are given, and the queue's head started, by one transaction at a time.
 */
public final class AppQueue {

    /** Every state but the terminal ones: a deployment waiting or in flight. */
    static final List<DeploymentState> UNFINISHED = Arrays.stream(DeploymentState.values())
            .filter(s -> !s.isTerminal()).toList();

    private AppQueue() {
    }

    static Uni<Long> nextRequestNumber(Mutiny.Session session, String app) {
        return session.createQuery("select coalesce(max(d.requestNumber), 0) + 1 from Deployment d where d.app = :app",
                        Long.class)
                .setParameter("app", app).getSingleResult();
    }

    /** How many deployments of the app requested before {@code d} have not ended. */
    public static Uni<Integer> ahead(Mutiny.Session session, Deployment d) {
        return session.createQuery("select count(*) from Deployment d where d.app = :app and d.state in :unfinished"
                        + " and d.requestNumber < :number", Long.class)
                .setParameter("app", d.app).setParameter("unfinished", UNFINISHED)
                .setParameter("number", d.requestNumber)
                .getSingleResult().map(Long::intValue);
    }

    /** The app's deployments that have not ended, oldest request first. */
    static Uni<List<Deployment>> unfinished(Mutiny.Session session, String app) {
        return session.createQuery("from Deployment where app = :app and state in :unfinished order by requestNumber",
                        Deployment.class)
                .setParameter("app", app).setParameter("unfinished", UNFINISHED).getResultList();
    }

    /** The deployment to start now: the oldest waiting one, when none of the app is in flight; else null. */
    static Deployment head(List<Deployment> unfinished, UUID ended) {
        boolean inFlight = unfinished.stream()
                .anyMatch(d -> !d.id.equals(ended) && d.state != DeploymentState.QUEUED);
        return inFlight ? null : unfinished.stream().filter(d -> d.state == DeploymentState.QUEUED).findFirst()
                .orElse(null);
    }

    /** The app of a deployment, read without loading (or locking) the row: the app's lock comes first. */
    static Uni<String> appOf(Mutiny.Session session, UUID deploymentId) {
        return session.createQuery("select d.app from Deployment d where d.id = :id", String.class)
                .setParameter("id", deploymentId).getSingleResultOrNull();
    }
}
