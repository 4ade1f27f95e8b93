package dev.slipway.workers.isolation;

import dev.slipway.api.Commands;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The host's own administration commands (useradd, getent, …): argument arrays, output collected. */
final class HostCommands {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C");

    private HostCommands() {
    }

    /** The command's output; throws with that output when it fails. */
    static List<String> run(List<String> command) throws StageException {
        List<String> output = new ArrayList<>();
        try {
            Commands.run(command, Path.of("/"), ENV, output::add, TIMEOUT);
        } catch (StageException e) {
            throw new StageException(e.getMessage().replace(" (its output is in the stage log)", "") + ": "
                    + String.join(" / ", output.subList(Math.max(0, output.size() - 5), output.size())), e);
        }
        return output;
    }
}
