package dev.slipway.orchestrator.hook;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.HookPoints;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.HookRequested;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.outbox.Outbox;
import dev.slipway.orchestrator.plugin.WorkerDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Requests the hook points outside any deployment (app_created, config_changed, app_destroyed) as
 * a {@link HookRequested} of its own id, written to the outbox in the caller's transaction, so the
 * request goes out exactly when the change commits. Only when a live worker's installed plugin
 * subscribes to the point: an app's own {@code [hooks]} cannot name these points. The outcome comes
 * back as HookCompleted or HookFailed under that id, kept in the event log as the app's
 * ({@code GET /api/apps/{app}/hooks}); nothing waits for it and nothing is retried.
 */
@ApplicationScoped
public class AppHooks {

    private final Outbox outbox;
    private final WorkerDirectory workers;

    public AppHooks(Outbox outbox, WorkerDirectory workers) {
        this.outbox = outbox;
        this.workers = workers;
    }

    public Uni<Void> created(Mutiny.Session session, String app) {
        return request(session, app, HookPoints.APP_CREATED, null, false, List.of());
    }

    /** @param current the app's serving deployment, or null; {@code keys} the names of the vars set or removed */
    public Uni<Void> configChanged(Mutiny.Session session, String app, UUID current, Collection<String> keys) {
        if (!subscribed(HookPoints.CONFIG_CHANGED)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Deployment> serving = current == null ? Uni.createFrom().nullItem() : session.find(Deployment.class, current);
        return serving.chain(d -> request(session, app, HookPoints.CONFIG_CHANGED, d, true, keys));
    }

    /** @param last the deployment it served last, or null: its configuration, no release (it is stopped) */
    public Uni<Void> destroyed(Mutiny.Session session, String app, Deployment last) {
        return request(session, app, HookPoints.APP_DESTROYED, last, false, List.of());
    }

    private boolean subscribed(String point) {
        return workers.subscribedPoints().contains(point);
    }

    private Uni<Void> request(Mutiny.Session session, String app, String point, Deployment d, boolean withRelease,
                              Collection<String> keys) {
        if (!subscribed(point)) {
            return Uni.createFrom().voidItem();
        }
        // Its config vars stay out altogether, sealed or not: these points run nothing of the app's.
        AppConfig config = d == null ? AppConfig.empty() : d.config().withSealedEnv(Map.of());
        DeploymentInfo release = d == null || !withRelease ? null : d.releaseInfo();
        BuildArtifact artifact = d == null || !withRelease ? null : d.artifact();
        return outbox.enqueue(session, new HookRequested(UUID.randomUUID(), app, 1, point, release, artifact, config,
                keys.stream().sorted().distinct().toList()), Duration.ZERO);
    }
}
