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
        stored.text = line.text();
        stored.app = Names.appNameProblem(line.app()) == null ? line.app() : null;
        stored.process = line.process() != null && Names.PROCESS.matcher(line.process()).matches() ? line.process() : null;
        boolean runtime = LogLine.RUN.equals(stored.stage);
        return sessions.withTransaction(session -> (runtime ? ofLiveApp(session, stored) : Uni.createFrom().item(true))
                        .call(keep -> keep ? session.persist(stored) : Uni.createFrom().voidItem()))
                .invoke(kept -> {
                    signals.changed(line.deploymentId());
                    if (kept && runtime && stored.app != null) {
                        signals.logged(stored.app);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Whether a runtime log line belongs to a deployment of its app as it is now: a deleted app's
     * release may still print while it stops, and an app made again under its name must not show it.
     */
    private static Uni<Boolean> ofLiveApp(Mutiny.Session session, StoredLogLine line) {
        return session.createQuery("select count(d) from Deployment d where d.id = :id and d.app = :app", Long.class)
                .setParameter("id", line.deploymentId).setParameter("app", line.app).getSingleResult()
                .map(count -> count > 0);
    }
}
