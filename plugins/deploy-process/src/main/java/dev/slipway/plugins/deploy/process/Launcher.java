package dev.slipway.plugins.deploy.process;

import dev.slipway.api.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a release's processes in the app's sandbox: each under {@code /bin/sh -c}, as a Procfile
 * line runs, in the artifact's tree, with its output appended to its own log and a pid file beside.
 * Kept for the release's life, so a crashed process starts again exactly as it first did.
 *
 * @param env the release's environment without {@code PORT}, which each web process gets its own of
 */
record Launcher(Sandbox sandbox, Path root, Map<String, String> env, Path workDir) {

    Launcher {
        env = Map.copyOf(env);
    }

    void start(Instance instance) throws IOException {
        Map<String, String> own = new HashMap<>(env);
        if (instance.port > 0) {
            own.put("PORT", Integer.toString(instance.port));
        }
        Process process = sandbox.start(List.of("/bin/sh", "-c", instance.command), root, own,
                instance.logFile(workDir));
        instance.process = process;
        instance.handle = process.toHandle();
        PidFile.write(instance.pidFile(workDir), process.toHandle(), instance.port, instance.restarts);
    }
}
