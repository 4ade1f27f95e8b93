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
import dev.slipway.workers.isolation.SecretMask;
import dev.slipway.workers.plugin.PluginRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Stage logs that stream to {@code slipway.logs}, keyed by app, and to the worker's own log. The
 * values of the app's config vars, and of the plugins' secret settings, are masked in every line: a
 * build that prints its environment, or a plugin that prints its token, does not publish them.
 */
@ApplicationScoped
public class StageLogs {

    private static final Logger LOG = Logger.getLogger(StageLogs.class);

    private final MutinyEmitter<String> logs;
    private final StageEnvironment environment;
    private final PluginRegistry plugins;
    private final Clock clock;

    public StageLogs(@Channel("logs") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                     MutinyEmitter<String> logs, StageEnvironment environment, PluginRegistry plugins,
                     Clock clock) {
        this.logs = logs;
        this.environment = environment;
        this.plugins = plugins;
        this.clock = clock;
    }

    /** A stage log that masks the app's secrets in every line, and can mask other text the same way. */
    public record MaskedLog(StageLog sink, SecretMask mask) implements StageLog {
        @Override
        public void line(String text) {
            sink.line(mask.mask(text));
        }
    }

    public MaskedLog of(SlipwayEvent command, String stage) {
        return new MaskedLog(text -> {
            LOG.debugf("[%s %s] %s", command.app(), stage, text);
            send(new LogLine(command.deploymentId(), command.app(), stage, clock.instant(), text));
        }, maskOf(command));
    }

    /** A line a release's process ({@code web.1}) printed, already masked: its app's runtime log. */
    public void processLine(DeployRequested release, String process, String masked) {
        send(new LogLine(release.deploymentId(), release.app(), LogLine.RUN, clock.instant(), masked, process));
    }

    private void send(LogLine line) {
        logs.sendMessageAndForget(Message.of(EventCodec.encode(line))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(line.app()).build()));
    }

    private SecretMask maskOf(SlipwayEvent command) {
        AppConfig config = command instanceof BuildRequested b ? b.config()
                : command instanceof DeployRequested d ? d.config()
                : command instanceof HookRequested h ? h.config()
                : command instanceof StopRequested s ? s.config() : null;
        List<String> secrets = new ArrayList<>(plugins.secretSettingValues());
        try {
            secrets.addAll(environment.opened(command.app(), config).values());
        } catch (StageException e) {
            // The stage itself fails on the same problem, saying so.
        }
        return SecretMask.of(secrets);
    }
}
