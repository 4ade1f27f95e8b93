package dev.slipway.orchestrator.plugin;

import dev.slipway.api.config.AppConfig;
import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.WorkerAnnounced;
import dev.slipway.orchestrator.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The workers that announced themselves recently, and what they can do. Read from the compacted
 * {@code slipway.workers} topic from its start, so a restarted orchestrator knows them again.
 */
@ApplicationScoped
public class WorkerDirectory {

    private static final Logger LOG = Logger.getLogger(WorkerDirectory.class);
    /** Workers announce every 30 s; one missing two announcements is taken for gone. */
    static final Duration LIVE = Duration.ofSeconds(75);

    private final Map<String, WorkerAnnounced> workers = new ConcurrentHashMap<>();
    private final Clock clock;

    public WorkerDirectory(Clock clock) {
        this.clock = clock;
    }

    @Incoming("workers")
    public void consume(String payload) {
        try {
            WorkerAnnounced announced = EventCodec.decodeAnnouncement(payload);
            workers.merge(announced.worker(), announced, (old, now) -> now.at().isAfter(old.at()) ? now : old);
        } catch (EventCodec.MalformedMessageException e) {
            LOG.warnf("unreadable worker announcement ignored: %s", e.getMessage());
        }
    }

    /** The workers heard from within {@link #LIVE}. */
    public List<WorkerAnnounced> live() {
        var since = clock.instant().minus(LIVE);
        return workers.values().stream().filter(w -> w.at().isAfter(since)).toList();
    }

    /** The live workers that loaded plugin {@code plugin} with a REST extension, by name. */
    public List<String> servingHttp(String plugin) {
        return live().stream().filter(w -> w.plugins().stream().anyMatch(p -> p.name().equals(plugin)
                        && p.status() == WorkerAnnounced.Status.LOADED
                        && p.provides().stream().anyMatch(s -> s.kind().equals("http"))))
                .map(WorkerAnnounced::worker).sorted().toList();
    }

    /**
     * The hook points that an installed plugin (a jar or an executable, loaded) of some live worker
     * that runs hooks subscribes to. The built-in hooks are left out: the one there is runs the
     * app's own {@code [hooks]}, which the app's configuration tells without asking the workers.
     */
    public Set<String> subscribedPoints() {
        return live().stream().filter(w -> w.roles().contains("hook")).flatMap(w -> w.plugins().stream())
                .filter(p -> p.status() == WorkerAnnounced.Status.LOADED && p.origin() != WorkerAnnounced.Origin.BUILT_IN)
                .flatMap(p -> p.provides().stream()).filter(p -> p.kind().equals("hook"))
                .flatMap(p -> p.points().stream()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Refuses a configuration that names a strategy no live worker has, before anything is built.
     * With no worker heard from yet, nothing can be told: the worker checks again when it builds.
     */
    public void check(AppConfig config, String file) {
        List<WorkerAnnounced> live = live();
        if (live.isEmpty()) {
            return;
        }
        check(live, "builder", config.build().strategy(), "[build] strategy", file);
        check(live, "toolchain", config.build().toolchain(), "[build] toolchain", file);
        check(live, "deployer", config.deploy().strategy(), "[deploy] strategy", file);
        // An addon no worker provides would leave the app without its database: refused, not ignored.
        for (AppConfig.Addon addon : config.addons()) {
            check(live, "addon", addon.type(), "addon", file);
        }
    }

    private static void check(List<WorkerAnnounced> live, String kind, String name, String key, String file) {
        if (name == null) {
            return;
        }
        List<String> known = live.stream().flatMap(w -> w.strategies().stream())
                .filter(p -> p.kind().equals(kind)).map(WorkerAnnounced.Provided::name).distinct().sorted().toList();
        if (!known.contains(name)) {
            throw Refused.invalid(file + ": " + key + " \"" + name + "\" is unknown; known: "
                    + (known.isEmpty() ? "(none)" : String.join(", ", known)));
        }
    }
}
