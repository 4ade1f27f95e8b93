package dev.slipway.api;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where an app's own code runs: its build commands, its hooks and its processes. The host decides
 * what the sandbox is (on a server run as root, the app's own unprivileged OS user with no new
 * privileges and the app's resource limits; on a developer's machine, nothing) and hands it to
 * strategies through {@link StageContext#sandbox()}. Strategies never run app code any other way.
 */
public interface Sandbox {

    /** The argument array that runs {@code command} inside this sandbox; {@code command} itself is not changed. */
    List<String> wrap(List<String> command);

    /**
     * Starts a long-running process of the app (a release's {@code web} process) inside this
     * sandbox, detached from the caller: stdin is empty and its output is appended to {@code logFile},
     * with the app's secrets masked. The process outlives the worker that started it.
     */
    Process start(List<String> command, Path dir, Map<String, String> env, Path logFile) throws IOException;

    /** No sandbox: the command runs as the host runs, output straight to the file. For tests and unisolated hosts. */
    static Sandbox none() {
        return new Sandbox() {
            @Override
            public List<String> wrap(List<String> command) {
                return List.copyOf(command);
            }

            @Override
            public Process start(List<String> command, Path dir, Map<String, String> env, Path logFile)
                    throws IOException {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
                builder.environment().clear();
                builder.environment().putAll(env);
                return builder.start();
            }
        };
    }
}
