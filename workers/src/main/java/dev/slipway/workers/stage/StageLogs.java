package dev.slipway.workers.stage;

import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.HookRequested;
import dev.slipway.api.event.LogLine;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.api.event.StopRequested;
import dev.slipway.messaging.EventCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Stage logs that stream to {@code slipway.logs}, keyed by app, and to the worker's own log. The
 * values of the app's config vars are masked in every line: a build that prints its environment
 * does not publish its secrets.
 */
@ApplicationScoped
public class StageLogs {

    private static final Logger LOG = Logger.getLogger(StageLogs.class);

    static final String MASK = "****";
    /** Shorter values would mask ordinary words. */
    private static final int MIN_MASKED = 4;

    private final MutinyEmitter<String> logs;
    private final StageEnvironment environment;
    private final Clock clock;

    public StageLogs(@Channel("logs") MutinyEmitter<String> logs, StageEnvironment environment, Clock clock) {
        this.logs = logs;
        this.environment = environment;
        this.clock = clock;
    }

    public StageLog of(SlipwayEvent command, String stage) {
        List<String> secrets = secretsOf(command);
        return raw -> {
            String text = mask(raw, secrets);
            LOG.debugf("[%s %s] %s", command.app(), stage, text);
            LogLine line = new LogLine(command.deploymentId(), command.app(), stage, clock.instant(), text);
            logs.sendMessageAndForget(Message.of(EventCodec.encode(line))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(command.app()).build()));
        };
    }

    static String mask(String text, List<String> secrets) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** Longest first, so a secret that contains another is masked whole. */
    private List<String> secretsOf(SlipwayEvent command) {
        AppConfig config = command instanceof BuildRequested b ? b.config()
                : command instanceof DeployRequested d ? d.config()
                : command instanceof HookRequested h ? h.config()
                : command instanceof StopRequested s ? s.config() : null;
        try {
            return environment.opened(command.app(), config).values().stream().filter(v -> v.length() >= MIN_MASKED)
                    .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        } catch (StageException e) {
            return List.of(); // the stage itself fails on the same problem, saying so
        }
    }
}
