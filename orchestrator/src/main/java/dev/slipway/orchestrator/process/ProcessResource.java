package dev.slipway.orchestrator.process;

import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * {@code GET /api/apps/{app}/processes}: the processes of the release the app serves, and those of
 * other releases that have not stopped yet, as the deploy workers last reported them.
 */
@Path("/api/apps/{app}/processes")
@Produces(MediaType.APPLICATION_JSON)
public class ProcessResource {

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;

    public ProcessResource(Mutiny.SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @GET
    public Uni<List<ProcessView>> list(@PathParam("app") String name) {
        return sessions.withSession(session -> App.existing(session, name).chain(app -> session.createQuery(
                        "from AppProcess where app = :app and (deploymentId = :current or state <> 'STOPPED')",
                        AppProcess.class)
                .setParameter("app", name)
                .setParameter("current", app.currentDeployment == null ? new UUID(0, 0) : app.currentDeployment)
                .getResultList()
                .chain(rows -> releases(session, rows).map(releases -> rows.stream()
                        .sorted(Comparator.comparing((AppProcess r) -> !r.deploymentId.equals(app.currentDeployment))
                                .thenComparing(r -> r.process).thenComparingInt(r -> r.instance))
                        .map(r -> ProcessView.of(r, releases.get(r.deploymentId),
                                r.deploymentId.equals(app.currentDeployment), clock))
                        .toList()))));
    }

    private static Uni<Map<UUID, Integer>> releases(Mutiny.Session session, List<AppProcess> rows) {
        List<UUID> ids = rows.stream().map(r -> r.deploymentId).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createQuery("from Deployment where id in :ids", Deployment.class).setParameter("ids", ids)
                .getResultList().map(ds -> ds.stream().filter(d -> d.release != null)
                        .collect(Collectors.toMap(d -> d.id, d -> d.release)));
    }
}
