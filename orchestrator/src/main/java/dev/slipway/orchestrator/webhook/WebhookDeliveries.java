package dev.slipway.orchestrator.webhook;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The deliveries that started a deployment, by the id the git host gives each one. A delivery
 * seen before is a replay (or the host retrying): answered, never deployed twice. The id is
 * recorded before the deployment starts, so two copies arriving together deploy once, and
 * forgotten again if the deployment could not start, so that the host's own "redeliver" can retry.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;

    public WebhookDeliveries(Mutiny.SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** @return false when this delivery was recorded before */
    public Uni<Boolean> record(GitHost host, String deliveryId, String app) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        insert into webhook_deliveries (host, delivery_id, app, received_at) values (?1, ?2, ?3, ?4)
                        on conflict (host, delivery_id) do nothing""")
                .setParameter(1, host.name().toLowerCase())
                .setParameter(2, deliveryId)
                .setParameter(3, app)
                .setParameter(4, clock.instant())
                .executeUpdate()
                .map(rows -> rows == 1));
    }

    public Uni<Void> forget(GitHost host, String deliveryId) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "delete from webhook_deliveries where host = ?1 and delivery_id = ?2")
                .setParameter(1, host.name().toLowerCase())
                .setParameter(2, deliveryId)
                .executeUpdate())
                .replaceWithVoid();
    }
}
