package dev.slipway.plugins.deploy.process;

import dev.slipway.api.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts a release's processes in the app's sandbox: each under {@code setsid /bin/sh -c}, as a Procfile
 * line runs, in the artifact's tree, with its output appended to its own log and a pid file beside.
 * Kept for the release's life, so a crashed process starts again exactly as it first did.
 *
 * @param env the release's environment without {@code PORT}, which each web process gets its own of
 */
record Launcher(Sandbox sandbox, Path root, Map<String, String> env, Path workDir) {

    /**
     * Each process leads a session of its own, so that what it started is found by its session even
     * after it died and init took its children; {@code setsid} does not fork here, as no process this
     * JVM starts leads a process group, so the pid stays the process's.
     */
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
            .filter(Files::isExecutable).findFirst();

    Launcher {
        env = Map.copyOf(env);
    }

    void start(Instance instance) throws IOException {
        Map<String, String> own = new HashMap<>(env);
        if (instance.port > 0) {
            own.put("PORT", Integer.toString(instance.port));
        }
        Process process = sandbox.start(command(instance.command), root, own, instance.logFile(workDir));
        instance.process = process;
        instance.handle = process.toHandle();
        PidFile.write(instance.pidFile(workDir), process.toHandle(), instance.port, instance.restarts);
    }

    private static List<String> command(String command) {
        List<String> line = new ArrayList<>();
        SETSID.ifPresent(setsid -> line.add(setsid.toString()));
        line.addAll(List.of("/bin/sh", "-c", command));
        return line;
    }
}
