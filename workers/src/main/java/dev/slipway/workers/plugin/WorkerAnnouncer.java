package dev.slipway.workers.plugin;

import dev.slipway.api.Strategy;
import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.WorkerAnnounced;
import dev.slipway.workers.stage.WorkerIdentity;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Tells the orchestrator, on {@code slipway.workers}, which roles this worker plays and which
 * strategies it has, so the API can list them and refuse a strategy name no worker knows. Sent
 * again periodically: an announcement that stops being renewed means the worker is gone.
 */
@ApplicationScoped
public class WorkerAnnouncer {

    private static final List<String> ROLES = List.of("build", "deploy", "proxy", "hook");

    private final MutinyEmitter<String> workers;
    private final WorkerAnnounced announcement;
    private final Clock clock;

    public WorkerAnnouncer(@Channel("workers") MutinyEmitter<String> workers, PluginRegistry registry,
                           WorkerIdentity identity, Config config, Clock clock) {
        this.workers = workers;
        this.clock = clock;
        List<String> roles = ROLES.stream().filter(role -> config.getOptionalValue(
                "mp.messaging.incoming." + role + ".enabled", Boolean.class).orElse(true)).toList();
        List<WorkerAnnounced.Plugin> plugins = new ArrayList<>();
        Stream.of(describe("builder", registry.builders()), describe("toolchain", registry.toolchains()),
                describe("deployer", registry.deployers()), describe("proxy", registry.proxies()),
                describe("hook", registry.hooks())).forEach(plugins::addAll);
        this.announcement = new WorkerAnnounced(identity.name(), roles, plugins, clock.instant());
    }

    @Scheduled(every = "${slipway.announce-every:30s}", delayed = "3s")
    Uni<Void> announce() {
        WorkerAnnounced now = new WorkerAnnounced(announcement.worker(), announcement.roles(), announcement.plugins(),
                clock.instant());
        return workers.sendMessage(Message.of(EventCodec.encode(now))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(now.worker()).build()));
    }

    private static List<WorkerAnnounced.Plugin> describe(String kind, List<? extends Strategy> strategies) {
        return strategies.stream().map(s -> new WorkerAnnounced.Plugin(kind, s.name(), s.priority(), source(s),
                version(s))).toList();
    }

    private static String source(Strategy strategy) {
        var codeSource = strategy.getClass().getProtectionDomain().getCodeSource();
        if (codeSource == null || codeSource.getLocation() == null) {
            return "unknown";
        }
        Path location = Path.of(codeSource.getLocation().getPath());
        return location.getFileName() == null ? location.toString() : location.getFileName().toString();
    }

    private static String version(Strategy strategy) {
        String version = strategy.getClass().getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
