package dev.slipway.orchestrator.stream;

import dev.slipway.api.config.Names;
import dev.slipway.api.event.LogLine;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.eventlog.EventSignals;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/** Keeps the workers' stage log lines so that log streams can replay them. */
@ApplicationScoped
public class LogLineConsumer {

    private static final Logger LOG = Logger.getLogger(LogLineConsumer.class);
    private static final int MAX_LINE = 8192;

    private final Mutiny.SessionFactory sessions;
    private final EventSignals signals;

    public LogLineConsumer(Mutiny.SessionFactory sessions, EventSignals signals) {
        this.sessions = sessions;
        this.signals = signals;
    }

    @Incoming("logs")
    public Uni<Void> consume(String payload) {
        LogLine line;
        try {
            line = EventCodec.decodeLogLine(payload);
        } catch (EventCodec.MalformedMessageException e) {
            LOG.debugf("unreadable log line dropped: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        StoredLogLine stored = new StoredLogLine();
        stored.deploymentId = line.deploymentId();
        stored.stage = line.stage();
        stored.loggedAt = line.time();
        stored.text = line.text().length() > MAX_LINE ? line.text().substring(0, MAX_LINE) + "…" : line.text();
        stored.app = Names.appNameProblem(line.app()) == null ? line.app() : null;
        stored.process = line.process() != null && Names.PROCESS.matcher(line.process()).matches() ? line.process() : null;
        return sessions.withTransaction(session -> session.persist(stored))
                .invoke(() -> {
                    signals.changed(line.deploymentId());
                    if (stored.app != null && LogLine.RUN.equals(stored.stage)) {
                        signals.logged(stored.app);
                    }
                })
                .replaceWithVoid();
    }
}
