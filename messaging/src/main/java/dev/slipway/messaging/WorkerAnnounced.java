package dev.slipway.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A worker saying what it is and what it can do, on {@code slipway.workers}, at start, whenever
 * its plugins change, and then periodically; the latest per worker stays on the compacted topic.
 *
 * @param roles   the stage roles it consumes: build, deploy, proxy, hook
 * @param plugins every plugin it found, loaded or refused
 */
public record WorkerAnnounced(String worker, List<String> roles, List<Plugin> plugins, Instant at) {

    /** Where a plugin came from. */
    public enum Origin { BUILT_IN, JAR, EXECUTABLE }

    public enum Status { LOADED, REFUSED }

    /**
     * One plugin (the built-in strategies of one jar, a jar or directory of jars from the plugins
     * directory, or an executable {@code slipway-plugin-<name>} there) as this worker found it.
     *
     * @param name     the plugin's name, unique among the worker's plugins
     * @param source   where it was loaded from: the jar's or directory's file name
     * @param version  the plugin's own version, or "unknown"
     * @param checksum SHA-256, hex, of the jar (or of each jar's name and bytes, for a directory); {@code null} for a built-in
     * @param problem  why it was refused; for a loaded one, its last failure (an {@code accept()} that threw or hung), or {@code null}
     * @param provides the strategies it gave this worker; empty when refused
     */
    public record Plugin(String name, Origin origin, String source, String version, String checksum, Status status,
                         String problem, List<Provided> provides) {
        public Plugin {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(status, "status");
            provides = provides == null ? List.of() : List.copyOf(provides);
        }

        /** The same plugin with another status, problem and what it provides. */
        public Plugin with(Status status, String problem, List<Provided> provides) {
            return new Plugin(name, origin, source, version, checksum, status, problem, provides);
        }
    }

    /**
     * One strategy a plugin provides.
     *
     * @param kind     builder, toolchain, deployer, proxy, hook or http
     * @param settings what the operator may set for it
     * @param points   for a hook, the hook points it subscribes to; empty otherwise
     */
    public record Provided(String kind, String name, int priority, List<SettingInfo> settings, List<String> points) {
        public Provided {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            settings = settings == null ? List.of() : List.copyOf(settings);
            points = points == null ? List.of() : List.copyOf(points);
        }
    }

    /** A setting a strategy reads, as {@code dev.slipway.api.Setting} describes it. */
    public record SettingInfo(String key, String type, String defaultValue, String description) {
    }

    public WorkerAnnounced {
        Objects.requireNonNull(worker, "worker");
        roles = List.copyOf(roles);
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(at, "at");
    }

    /** The strategies of the plugins it loaded. */
    public List<Provided> strategies() {
        return plugins.stream().filter(p -> p.status() == Status.LOADED).flatMap(p -> p.provides().stream()).toList();
    }
}
