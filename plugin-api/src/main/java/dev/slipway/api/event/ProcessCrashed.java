package dev.slipway.api.event;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A process of a release exited on its own.
 *
 * @param exitCode  its exit status; {@code null} when the worker that saw it go did not start it
 * @param lastLines its last lines of output, the app's secrets masked
 * @param restarts  how often it had been started again before
 * @param restartIn when it is started again; {@code null} when it is not (see {@link ReleaseCrashed})
 */
public record ProcessCrashed(UUID deploymentId, String app, int attempt, String process, int index, Integer exitCode,
                             List<String> lastLines, int restarts, Duration restartIn) implements ProcessEvent {

    public ProcessCrashed {
        lastLines = List.copyOf(lastLines);
    }
}
