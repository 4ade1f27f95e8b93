package dev.slipway.api;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** What PATH is when the host gives none. */
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    public BuildArtifact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(root, "root");
        processes = Map.copyOf(processes);
        env = Map.copyOf(env);
        path = List.copyOf(path);
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(toolchain, "toolchain");
    }

    /**
     * The environment the built app's commands run with (its processes, its hooks): {@code base},
     * then the build's env, with the artifact's directories first on {@code PATH}.
     */
    public Map<String, String> runtimeEnv(Map<String, String> base) throws StageException {
        Map<String, String> env = new HashMap<>(base);
        env.putAll(this.env);
        Path absoluteRoot = root.toAbsolutePath().normalize();
        List<String> entries = new ArrayList<>();
        for (String dir : path) {
            Path absolute = absoluteRoot.resolve(dir).normalize();
            if (!absolute.startsWith(absoluteRoot)) {
                throw new StageException("the build artifact's path entry \"" + dir + "\" leads outside the artifact ("
                        + absoluteRoot + "); this is a bug in the " + toolchain + " toolchain");
            }
            entries.add(absolute.toString());
        }
        entries.add(env.getOrDefault("PATH", DEFAULT_PATH));
        env.put("PATH", String.join(File.pathSeparator, entries));
        return env;
    }
}
