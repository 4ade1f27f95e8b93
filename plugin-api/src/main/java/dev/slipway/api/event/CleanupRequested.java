package dev.slipway.api.event;

import java.util.List;
import java.util.UUID;

/**
 * Remove files of an app that nothing needs any more: the build and release directories of
 * {@code deployments} (releases past retention, failed attempts), the persistent {@code storage}
 * directories its user asked to remove (paths as in {@code [[storage]]}), or, when
 * {@code appDeleted}, everything of the app on the worker's side. Published on the deploy topic
 * after the app's last {@code StopRequested}, so, keyed by app, it is handled after the stop (and
 * its pre_stop hook).
 */
public record CleanupRequested(UUID deploymentId, String app, int attempt, List<UUID> deployments,
                               List<String> storage, boolean appDeleted)
        implements Command {

    public CleanupRequested {
        deployments = List.copyOf(deployments);
        storage = storage == null ? List.of() : List.copyOf(storage);
    }

    @Override
    public String topic() {
        return Topics.DEPLOY;
    }
}
