package dev.slipway.orchestrator.app;

import dev.slipway.api.event.CleanupRequested;
import dev.slipway.api.event.LogLine;
import dev.slipway.api.event.ProxyRemovalRequested;
import dev.slipway.api.event.StopRequested;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.hook.AppHooks;
import dev.slipway.orchestrator.outbox.Outbox;
import dev.slipway.orchestrator.outbox.OutboxRelay;
import dev.slipway.orchestrator.retention.SourceFiles;
import dev.slipway.orchestrator.workflow.DeploymentState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Deletes an app: its serving release is stopped (its pre_stop hook first), its routes leave the
 * proxy, a deploy worker removes its builds and releases, and its rows go (its domain claims and
 * webhook secret with them), in one transaction with the commands that do the rest (app_destroyed's
 * subscribers among them); then its source archives are removed. The event log keeps its history.
 */
@ApplicationScoped
public class AppRemoval {

    private static final List<DeploymentState> RUNNING = Arrays.stream(DeploymentState.values())
            .filter(s -> !s.isTerminal()).toList();

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final SourceFiles sources;
    private final Vertx vertx;
    private final AppHooks hooks;

    public AppRemoval(Mutiny.SessionFactory sessions, Outbox outbox, OutboxRelay relay, SourceFiles sources,
                      Vertx vertx, AppHooks hooks) {
        this.hooks = hooks;
        this.sources = sources;
        this.vertx = vertx;
        this.sessions = sessions;
        this.outbox = outbox;
        this.relay = relay;
    }

    public Uni<Void> remove(String name) {
        return sessions.withTransaction(session -> App.existing(session, name)
                        .call(app -> session.lock(app, LockMode.PESSIMISTIC_WRITE))
                        .call(app -> refuseWhileDeploying(session, name, "delete it"))
                        .call(app -> app.currentDeployment == null ? hooks.destroyed(session, name, null)
                                : session.find(Deployment.class, app.currentDeployment).call(d -> stop(session, d))
                                        .chain(d -> hooks.destroyed(session, name, d)))
                        .call(app -> outbox.enqueue(session, new ProxyRemovalRequested(app.commandId(), name, 1), Duration.ZERO))
                        // After the stop on the same topic and key: the release's pre_stop still has its tree.
                        .call(app -> outbox.enqueue(session, new CleanupRequested(app.commandId(), name, 1, List.of(), List.of(), true),
                                Duration.ZERO))
                        // Its runtime log goes with it: an app made again under the name starts with none.
                        .call(app -> session.createMutationQuery("delete from StoredLogLine where app = :app and stage = :run")
                                .setParameter("app", name).setParameter("run", LogLine.RUN).executeUpdate())
                        .chain(app -> session.createQuery("select distinct source from Deployment where app = :app",
                                        String.class).setParameter("app", name).getResultList()
                                .call(() -> session.remove(app))))
                .invoke(relay::wake)
                // Source archives are the orchestrator's own files: removed here, once the rows are gone.
                .chain(archives -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    sources.remove(archives.stream().map(java.nio.file.Path::of).toList());
                    return null;
                })))
                .replaceWithVoid();
    }

    /** 409 while a deployment of {@code app} is queued or running: {@code action} waits until it has ended. */
    static Uni<Void> refuseWhileDeploying(Mutiny.Session session, String app, String action) {
        return session.createQuery("from Deployment where app = :app and state in :running", Deployment.class)
                .setParameter("app", app).setParameter("running", RUNNING).setMaxResults(1).getResultList()
                .invoke(running -> {
                    if (!running.isEmpty()) {
                        throw Refused.conflict("app \"" + app + "\" has a deployment in"
                                + " progress (" + running.get(0).id + "); " + action + " once that has ended");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> stop(Mutiny.Session session, Deployment current) {
        return outbox.enqueue(session, new StopRequested(current.id, current.app, 1,
                current.releaseInfo(), "the app was deleted", current.artifact(), current.config()), Duration.ZERO);
    }
}
