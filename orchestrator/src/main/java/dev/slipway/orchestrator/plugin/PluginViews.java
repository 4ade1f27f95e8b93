package dev.slipway.orchestrator.plugin;

import dev.slipway.messaging.WorkerAnnounced;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code GET /api/plugins}: every plugin the live workers announced, one entry per name, version and
 * checksum with each worker's status, joined with what was installed through the API.
 */
@ApplicationScoped
public class PluginViews {

    /**
     * One plugin (one version of it), what it provides, and how each live worker that found it fared;
     * {@code installed} when it is the one installed through the API (with no worker yet while none has it).
     */
    public record PluginView(String name, WorkerAnnounced.Origin origin, String source, String version, String checksum,
                             List<WorkerAnnounced.Provided> provides, List<WorkerStatus> workers,
                             PluginInstalls.Installed installed) {
        PluginView with(PluginInstalls.Installed record) {
            return new PluginView(name, origin, source, version, checksum, provides, workers, record);
        }
    }

    public record WorkerStatus(String worker, WorkerAnnounced.Status status, String problem) {
    }

    private final WorkerDirectory directory;
    private final PluginInstalls installs;

    public PluginViews(WorkerDirectory directory, PluginInstalls installs) {
        this.directory = directory;
        this.installs = installs;
    }

    public Uni<List<PluginView>> all() {
        return installs.list().map(this::join);
    }

    private List<PluginView> join(List<PluginInstalls.Installed> installed) {
        Map<String, PluginInstalls.Installed> byName = installed.stream()
                .collect(Collectors.toMap(PluginInstalls.Installed::name, i -> i));
        List<PluginView> views = new ArrayList<>(announced().stream().map(v -> {
            PluginInstalls.Installed i = byName.get(v.name());
            return i != null && i.announcedChecksum().equals(v.checksum()) ? v.with(i) : v;
        }).toList());
        // Installed, and no live worker has reported it yet.
        installed.stream().filter(i -> views.stream().noneMatch(v -> v.installed() == i))
                .forEach(i -> views.add(new PluginView(i.name(), i.kind().equals("executable")
                        ? WorkerAnnounced.Origin.EXECUTABLE : WorkerAnnounced.Origin.JAR, i.fileName(), null,
                        i.announcedChecksum(), List.of(), List.of(), i)));
        views.sort(Comparator.comparing(PluginView::name));
        return views;
    }

    private List<PluginView> announced() {
        Map<String, List<Map.Entry<String, WorkerAnnounced.Plugin>>> byPlugin = directory.live().stream()
                .flatMap(w -> w.plugins().stream().map(p -> Map.entry(w.worker(), p)))
                .collect(Collectors.groupingBy(e -> e.getValue().name() + "/" + e.getValue().version() + "/"
                        + Objects.toString(e.getValue().checksum(), ""), TreeMap::new, Collectors.toList()));
        return byPlugin.values().stream().map(entries -> {
            // The strategies of a worker that loaded it; a refused one provides none.
            WorkerAnnounced.Plugin plugin = entries.stream().map(Map.Entry::getValue)
                    .filter(p -> p.status() == WorkerAnnounced.Status.LOADED).findFirst()
                    .orElse(entries.get(0).getValue());
            return new PluginView(plugin.name(), plugin.origin(), plugin.source(), plugin.version(), plugin.checksum(),
                    plugin.provides(), entries.stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> new WorkerStatus(e.getKey(), e.getValue().status(), e.getValue().problem())).toList(), null);
        }).toList();
    }
}
