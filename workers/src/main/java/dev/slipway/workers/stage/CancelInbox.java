package dev.slipway.workers.stage;

import dev.slipway.api.event.CancelRequested;
import dev.slipway.messaging.EventCodec;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads every cancellation on {@code slipway.cancel}, in a consumer group of this worker's own: the
 * worker running the stage is busy on the stage's topic, so the cancellation cannot queue behind it.
 * It reads from the topic's start, so a worker that was down still learns of a stage cancelled
 * meanwhile ({@link CancelBacklog}). Cancelling twice is harmless, so redeliveries need no marker.
 */
@ApplicationScoped
public class CancelInbox {

    private static final Logger LOG = Logger.getLogger(CancelInbox.class);

    private final StageCancels cancels;
    private final CancelBacklog backlog;

    public CancelInbox(StageCancels cancels, CancelBacklog backlog) {
        this.cancels = cancels;
        this.backlog = backlog;
    }

    @Incoming("cancel")
    @Blocking // in order: CancelBacklog counts a partition read when its last record at joining is taken in
    public CompletionStage<Void> consume(Message<String> message) {
        try {
            if (CommandInbox.commandOf(message) instanceof CancelRequested cancel) {
                cancels.cancel(cancel);
            } else {
                LOG.warn("a command on slipway.cancel ignored: not a cancellation");
            }
        } catch (EventCodec.MalformedMessageException | IllegalArgumentException e) {
            LOG.warnf("unreadable cancellation ignored: %s", e.getMessage());
        } finally {
            message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .ifPresent(record -> backlog.taken(record.getTopic(), record.getPartition(), record.getOffset()));
        }
        return message.ack();
    }
}
