package dev.slipway.orchestrator.eventlog;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Tells live streams in this process that a deployment has new rows in the event log or its stage
 * log, or an app new lines in its runtime log, so they read them at once instead of at their next
 * poll. Streams poll as well, which covers rows written by another orchestrator replica.
 */
@ApplicationScoped
public class EventSignals {

    private final BroadcastProcessor<UUID> processor = BroadcastProcessor.create();
    private final BroadcastProcessor<String> runtimeLogs = BroadcastProcessor.create();

    public void changed(UUID deploymentId) {
        processor.onNext(deploymentId);
    }

    public Multi<UUID> changes() {
        return processor;
    }

    public void logged(String app) {
        runtimeLogs.onNext(app);
    }

    /** Apps with new runtime log lines. */
    public Multi<String> runtimeLogs() {
        return runtimeLogs;
    }
}
