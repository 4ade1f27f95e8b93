package dev.slipway.workers.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.workers.isolation.PluginBoxes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * An executable plugin run outside a worker, as its author's tests run it (the contract suites in
 * workers' test-jar): loaded by the worker's own loader and called through its own adapters, so
 * what passes here is what a worker accepts. Unisolated (the calls run as the test's user, rlimits
 * only), with no host services, its HOME and kept copy under {@code home}.
 */
public final class Executables {

    /** As a worker's default {@code slipway.plugins-quick-call-timeout}: an accept that is slow here is slow there. */
    public static final Duration QUICK = Duration.ofSeconds(5);
    /** Shorter than a worker's 15 min: a test should not wait that long for a build that hangs. */
    public static final Duration SLOW = Duration.ofMinutes(5);

    /** What one raw call answered: its exit status and its stdout. */
    public record Answer(int exit, String stdout) {
    }

    private Executables() {
    }

    /**
     * Loads {@code program} ({@code slipway-plugin-<name>}) as a worker does: its description, and
     * its strategies when loaded; when refused, the description's {@code problem} says why.
     */
    public static FoundPlugin load(Path program, Path home) {
        return new ExecutablePlugins(calls(home), QUICK, SLOW).load(program);
    }

    /**
     * One call of {@code operation} with nothing but the protocol's variables and a request of
     * {@code protocol} and {@code operation}: for the operations no adapter makes (one the program
     * does not know).
     *
     * @throws StageException when it cannot be started, overruns {@link #QUICK} or prints too much
     */
    public static Answer call(Path program, Path home, String operation, StageLog log) throws StageException {
        String fileName = program.getFileName().toString();
        if (!fileName.startsWith(PluginProtocol.PREFIX)) {
            throw new IllegalArgumentException(program + " is not named " + PluginProtocol.PREFIX + "<name>");
        }
        String name = fileName.substring(PluginProtocol.PREFIX.length());
        ObjectNode request = PluginAnswers.object();
        request.put("protocol", PluginProtocol.VERSION);
        request.put("operation", operation);
        PluginCalls.Answer answer = calls(home).run(new PluginCalls.Invocation(name, program.toAbsolutePath(), operation,
                null, null, null, Map.of(), request, log, QUICK, false, PluginCalls.Around.NOTHING));
        return new Answer(answer.exit(), new String(answer.stdout(), StandardCharsets.UTF_8));
    }

    private static PluginCalls calls(Path home) {
        return new PluginCalls(PluginBoxes.unisolated(home), HostAccess.none());
    }
}
