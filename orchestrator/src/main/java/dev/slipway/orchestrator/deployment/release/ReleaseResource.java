package dev.slipway.orchestrator.deployment.release;

import dev.slipway.orchestrator.app.App;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** An app's releases, newest first. */
@Path("/api/apps/{app}/releases")
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseResource {

    public record ReleaseView(int version, UUID deploymentId, Instant createdAt, boolean current) {
    }

    private final Mutiny.SessionFactory sessions;

    public ReleaseResource(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @GET
    public Uni<List<ReleaseView>> releases(@PathParam("app") String name) {
        return sessions.withSession(session -> App.existing(session, name).chain(app -> Releases.newestFirst(session, name)
                .map(releases -> releases.stream().map(r -> new ReleaseView(r.version, r.deploymentId, r.createdAt,
                        r.deploymentId.equals(app.currentDeployment))).toList())));
    }
}
