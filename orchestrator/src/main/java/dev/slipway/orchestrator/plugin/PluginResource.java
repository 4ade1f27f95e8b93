package dev.slipway.orchestrator.plugin;

import dev.slipway.messaging.WorkerAnnounced;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the live workers can do, and who they are. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

    /** One strategy, and the workers that have it. */
    public record PluginView(String kind, String name, int priority, String source, String version,
                             List<String> workers) {
    }

    public record WorkerView(String worker, List<String> roles, Instant lastSeen, int plugins) {
    }

    private final WorkerDirectory directory;

    public PluginResource(WorkerDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Path("/plugins")
    public List<PluginView> plugins() {
        Map<String, List<Map.Entry<String, WorkerAnnounced.Plugin>>> byPlugin = directory.live().stream()
                .flatMap(w -> w.plugins().stream().map(p -> Map.entry(w.worker(), p)))
                .collect(Collectors.groupingBy(e -> e.getValue().kind() + "/" + e.getValue().name() + "/"
                        + e.getValue().version(), TreeMap::new, Collectors.toList()));
        return byPlugin.values().stream().map(entries -> {
            WorkerAnnounced.Plugin plugin = entries.get(0).getValue();
            return new PluginView(plugin.kind(), plugin.name(), plugin.priority(), plugin.source(), plugin.version(),
                    entries.stream().map(Map.Entry::getKey).sorted().toList());
        }).toList();
    }

    @GET
    @Path("/workers")
    public List<WorkerView> workers() {
        return directory.live().stream().sorted(Comparator.comparing(WorkerAnnounced::worker))
                .map(w -> new WorkerView(w.worker(), w.roles(), w.at(), w.plugins().size())).toList();
    }
}
