package dev.slipway.workers.stage;

import dev.slipway.api.event.Command;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.messaging.EventCodec;
import dev.slipway.workers.WorkerConfig;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Turns a Kafka message into a command and runs it at most once per message id (delivery is at
 * least once). An unreadable message goes to the dead-letter topic; a handler that throws is
 * logged and the message acknowledged, so one bad plugin cannot wedge a partition.
 */
@ApplicationScoped
public class CommandInbox {

    private static final Logger LOG = Logger.getLogger(CommandInbox.class);

    /** Long enough for a new consumer group to join and read the cancellations kept. */
    private static final Duration CANCEL_BACKLOG_LIMIT = Duration.ofSeconds(30);

    private final Path processed;
    private final StageCancels cancels;
    private final CancelBacklog cancelBacklog;

    public CommandInbox(WorkerConfig config, StageCancels cancels, CancelBacklog cancelBacklog) {
        this.processed = config.home().resolve("worker-state").resolve("processed");
        this.cancels = cancels;
        this.cancelBacklog = cancelBacklog;
    }

    public CompletionStage<Void> handle(Message<String> message, Consumer<Command> handler) {
        UUID id;
        Command command;
        try {
            id = UUID.fromString(cloudEventOf(message).getId());
            command = commandOf(message);
        } catch (EventCodec.MalformedMessageException | IllegalArgumentException e) {
            LOG.warnf("unreadable command sent to the dead-letter topic: %s", e.getMessage());
            return message.nack(e);
        }
        Path marker = processed.resolve(id.toString());
        if (Files.exists(marker)) {
            LOG.infof("command %s (%s) was handled before; redelivery skipped", id, command.type());
            return message.ack();
        }
        cancelBacklog.await(CANCEL_BACKLOG_LIMIT);
        if (cancels.skips(command)) {
            LOG.infof("%s of deployment %s skipped: the deployment was cancelled", command.type(), command.deploymentId());
        } else {
            run(command, handler);
        }
        try {
            Files.createDirectories(processed);
            Files.writeString(marker, command.type());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record command " + id + " as handled", e);
        }
        return message.ack();
    }

    /** The command a message carries, as a CloudEvent in binary mode. */
    static Command commandOf(Message<String> message) throws EventCodec.MalformedMessageException {
        IncomingCloudEventMetadata<?> cloudEvent = cloudEventOf(message);
        SlipwayEvent event = EventCodec.decode(cloudEvent.getType(), message.getPayload());
        if (!(event instanceof Command command)) {
            throw new EventCodec.MalformedMessageException(cloudEvent.getType() + " is not a command");
        }
        return command;
    }

    private static IncomingCloudEventMetadata<?> cloudEventOf(Message<String> message)
            throws EventCodec.MalformedMessageException {
        return message.getMetadata(IncomingCloudEventMetadata.class).orElseThrow(
                () -> new EventCodec.MalformedMessageException("message has no CloudEvents headers"));
    }

    private void run(Command command, Consumer<Command> handler) {
        try (StageCancels.Running running = cancels.running(command)) {
            handler.accept(command);
        } catch (RuntimeException e) {
            LOG.errorf(e, "handling %s for %s failed unexpectedly", command.type(), command.app());
        }
    }
}
