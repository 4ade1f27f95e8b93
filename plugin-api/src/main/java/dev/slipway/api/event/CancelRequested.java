package dev.slipway.api.event;

import java.util.UUID;

/**
 * Stop the {@code stage} attempt {@code attempt} of a cancelled deployment at once: the worker
 * running it kills its process tree, and a worker that has not started it yet never does. On
 * {@link Topics#CANCEL}, which every worker reads, because the one running the stage is busy on the
 * stage's own topic.
 */
public record CancelRequested(UUID deploymentId, String app, int attempt, String stage) implements Command {

    @Override
    public String topic() {
        return Topics.CANCEL;
    }
}
