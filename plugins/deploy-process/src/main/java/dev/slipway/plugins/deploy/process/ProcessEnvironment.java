package dev.slipway.plugins.deploy.process;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.StageException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The environment a web process starts with. */
final class ProcessEnvironment {

    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private ProcessEnvironment() {
    }

    /** The stage's env, then the build's, then {@code PORT}; the artifact's directories go first on {@code PATH}. */
    static Map<String, String> of(Map<String, String> stageEnv, BuildArtifact artifact, int port)
            throws StageException {
        Map<String, String> env = new HashMap<>(stageEnv);
        env.putAll(artifact.env());
        env.put("PORT", Integer.toString(port));
        Path root = artifact.root().toAbsolutePath().normalize();
        List<String> path = new ArrayList<>();
        for (String dir : artifact.path()) {
            Path absolute = root.resolve(dir).normalize();
            if (!absolute.startsWith(root)) {
                throw new StageException("the build artifact's path entry \"" + dir + "\" leads outside the artifact"
                        + " (" + root + "); this is a bug in the " + artifact.toolchain() + " toolchain");
            }
            path.add(absolute.toString());
        }
        path.add(env.getOrDefault("PATH", DEFAULT_PATH));
        env.put("PATH", String.join(File.pathSeparator, path));
        return env;
    }
}
