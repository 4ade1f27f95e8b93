package dev.slipway.workers.stage;

import dev.slipway.api.event.CancelRequested;
import dev.slipway.messaging.EventCodec;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads every cancellation on {@code slipway.cancel}, in a consumer group of this worker's own: the
 * worker running the stage is busy on the stage's topic, so the cancellation cannot queue behind it.
 * Cancelling twice is harmless, so redeliveries need no marker.
 */
@ApplicationScoped
public class CancelInbox {

    private static final Logger LOG = Logger.getLogger(CancelInbox.class);

    private final StageCancels cancels;

    public CancelInbox(StageCancels cancels) {
        this.cancels = cancels;
    }

    @Incoming("cancel")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<String> message) {
        try {
            if (CommandInbox.commandOf(message) instanceof CancelRequested cancel) {
                cancels.cancel(cancel);
            } else {
                LOG.warn("a command on slipway.cancel ignored: not a cancellation");
            }
        } catch (EventCodec.MalformedMessageException | IllegalArgumentException e) {
            LOG.warnf("unreadable cancellation ignored: %s", e.getMessage());
        }
        return message.ack();
    }
}
