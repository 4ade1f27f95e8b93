package dev.slipway.orchestrator.app;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.api.event.ProxyRemovalRequested;
import dev.slipway.api.event.StopRequested;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.api.ApiException;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.outbox.Outbox;
import dev.slipway.orchestrator.outbox.OutboxRelay;
import dev.slipway.orchestrator.workflow.DeploymentState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Deletes an app: its serving release is stopped (its pre_stop hook first), its routes leave the
 * proxy, and its rows go, in one transaction with the commands that do the rest. The event log
 * keeps its history.
 */
@ApplicationScoped
public class AppRemoval {

    private static final List<DeploymentState> RUNNING = Arrays.stream(DeploymentState.values())
            .filter(s -> !s.isTerminal()).toList();

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public AppRemoval(Mutiny.SessionFactory sessions, Outbox outbox, OutboxRelay relay) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.relay = relay;
    }

    public Uni<Void> remove(String name) {
        return sessions.withTransaction(session -> App.existing(session, name)
                        .call(app -> session.lock(app, LockMode.PESSIMISTIC_WRITE))
                        .call(app -> refuseWhileDeploying(session, name))
                        .call(app -> app.currentDeployment == null ? Uni.createFrom().voidItem()
                                : session.find(Deployment.class, app.currentDeployment).chain(d -> stop(session, d)))
                        .call(app -> outbox.enqueue(session, new ProxyRemovalRequested(
                                app.currentDeployment == null ? UUID.randomUUID() : app.currentDeployment, name, 1),
                                Duration.ZERO))
                        .call(session::remove))
                .invoke(relay::wake)
                .replaceWithVoid();
    }

    private static Uni<Void> refuseWhileDeploying(Mutiny.Session session, String app) {
        return session.createQuery("from Deployment where app = :app and state in :running", Deployment.class)
                .setParameter("app", app).setParameter("running", RUNNING).setMaxResults(1).getResultList()
                .invoke(running -> {
                    if (!running.isEmpty()) {
                        throw new ApiException(Response.Status.CONFLICT, "app \"" + app + "\" has a deployment in"
                                + " progress (" + running.get(0).id + "); delete it once that has ended");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> stop(Mutiny.Session session, Deployment current) {
        return outbox.enqueue(session, new StopRequested(current.id, current.app, 1,
                EventCodec.readStored(current.releaseInfo, new TypeReference<>() { }), "the app was deleted",
                EventCodec.readStored(current.artifact, new TypeReference<>() { }),
                EventCodec.readStored(current.config, new TypeReference<>() { })), Duration.ZERO);
    }
}
