package dev.slipway.orchestrator.process;

import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/** A release that gave up: one of its processes crashed too often and is not started again. */
@Entity
@Table(name = "release_crashes")
public class ReleaseCrash {

    @Id
    @Column(name = "deployment_id")
    public UUID deploymentId;

    public String app;

    public String reason;

    @Column(name = "crashed_at")
    public Instant crashedAt;

    /** Why each of {@code deployments} crashed, for those that did. */
    public static Uni<Map<UUID, String>> reasons(Mutiny.Session session, List<UUID> deployments) {
        if (deployments.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createQuery("from ReleaseCrash where deploymentId in :ids", ReleaseCrash.class)
                .setParameter("ids", deployments).getResultList()
                .map(crashes -> crashes.stream().collect(Collectors.toMap(c -> c.deploymentId, c -> c.reason)));
    }
}
