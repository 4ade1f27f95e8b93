package dev.slipway.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a build produced.
 *
 * @param kind      what deployers look at to accept it: {@link #PROCESS} or {@link #STATIC} (plugins may add more)
 * @param root      the built tree, immutable once built
 * @param processes process types to their commands (for {@link #PROCESS}); {@code web} gets {@code $PORT}
 * @param env       environment the build adds to the app's own when it runs
 * @param path      directories, relative to root, to put first on the {@code PATH} when it runs
 * @param builder   the builder that made it
 * @param toolchain the toolchain that made it
 */
public record BuildArtifact(String kind, Path root, Map<String, String> processes, Map<String, String> env,
                            List<String> path, String builder, String toolchain) {

    public static final String PROCESS = "process";
    public static final String STATIC = "static";

    public BuildArtifact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(root, "root");
        processes = Map.copyOf(processes);
        env = Map.copyOf(env);
        path = List.copyOf(path);
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(toolchain, "toolchain");
    }
}
