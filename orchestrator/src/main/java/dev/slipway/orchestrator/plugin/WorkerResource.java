package dev.slipway.orchestrator.plugin;

import dev.slipway.messaging.WorkerAnnounced;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** {@code GET /api/workers}: the live workers, who they are and what they do. */
@Path("/api/workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {

    public record WorkerView(String worker, List<String> roles, Instant lastSeen, int plugins) {
    }

    private final WorkerDirectory directory;

    public WorkerResource(WorkerDirectory directory) {
        this.directory = directory;
    }

    @GET
    public List<WorkerView> workers() {
        return directory.live().stream().sorted(Comparator.comparing(WorkerAnnounced::worker))
                .map(w -> new WorkerView(w.worker(), w.roles(), w.at(), w.plugins().size())).toList();
    }
}
