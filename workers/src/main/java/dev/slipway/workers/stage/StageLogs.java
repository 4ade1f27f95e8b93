package dev.slipway.workers.stage;

import dev.slipway.api.StageLog;
import dev.slipway.api.event.LogLine;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.messaging.EventCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Stage logs that stream to {@code slipway.logs}, keyed by app, and to the worker's own log. */
@ApplicationScoped
public class StageLogs {

    private static final Logger LOG = Logger.getLogger(StageLogs.class);

    private final MutinyEmitter<String> logs;
    private final Clock clock;

    public StageLogs(@Channel("logs") MutinyEmitter<String> logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    public StageLog of(SlipwayEvent command, String stage) {
        return text -> {
            LOG.debugf("[%s %s] %s", command.app(), stage, text);
            LogLine line = new LogLine(command.deploymentId(), command.app(), stage, clock.instant(), text);
            logs.sendMessageAndForget(Message.of(EventCodec.encode(line))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(command.app()).build()));
        };
    }
}
