package dev.slipway.orchestrator.process;

import dev.slipway.api.event.ProcessCrashed;
import dev.slipway.api.event.ProcessEvent;
import dev.slipway.api.event.ProcessStarted;
import dev.slipway.api.event.ProcessStopped;
import dev.slipway.api.event.ReleaseCrashed;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.eventlog.EventLog;
import dev.slipway.orchestrator.eventlog.EventSignals;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Records what the deploy workers report about releases' processes: the fact goes into the event
 * log, and, in the same transaction, into the process list and the crashed releases. These facts
 * follow a deployment's release, not its workflow: nothing is decided from them.
 */
@ApplicationScoped
public class ProcessFacts {

    private static final Logger LOG = Logger.getLogger(ProcessFacts.class);

    private final Mutiny.SessionFactory sessions;
    private final EventLog eventLog;
    private final EventSignals signals;
    private final Clock clock;

    public ProcessFacts(Mutiny.SessionFactory sessions, EventLog eventLog, EventSignals signals, Clock clock) {
        this.sessions = sessions;
        this.eventLog = eventLog;
        this.signals = signals;
        this.clock = clock;
    }

    /** Records {@code event} once (a redelivered id is skipped). */
    public Uni<Void> record(UUID eventId, ProcessEvent event) {
        return sessions.withTransaction(session -> session.find(Deployment.class, event.deploymentId())
                        .chain(deployment -> {
                            if (deployment == null) {
                                // The last reports of an app deleted meanwhile: nothing left to show them on.
                                LOG.infof("%s of no deployment (%s) dropped", event.type(), event.deploymentId());
                                return Uni.createFrom().voidItem();
                            }
                            return eventLog.append(session, eventId, event).chain(fresh -> fresh
                                    ? fold(session, event, clock.instant()) : Uni.createFrom().voidItem());
                        }))
                .invoke(() -> signals.changed(event.deploymentId()));
    }

    private static Uni<Void> fold(Mutiny.Session session, ProcessEvent event, Instant now) {
        if (event instanceof ReleaseCrashed crashed) {
            return session.find(ReleaseCrash.class, crashed.deploymentId()).chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().voidItem();
                }
                ReleaseCrash crash = new ReleaseCrash();
                crash.deploymentId = crashed.deploymentId();
                crash.app = crashed.app();
                crash.reason = crashed.reason();
                crash.crashedAt = now;
                return session.persist(crash);
            });
        }
        String process = event instanceof ProcessStarted s ? s.process()
                : event instanceof ProcessCrashed c ? c.process() : ((ProcessStopped) event).process();
        int index = event instanceof ProcessStarted s ? s.index()
                : event instanceof ProcessCrashed c ? c.index() : ((ProcessStopped) event).index();
        return session.find(AppProcess.class, new AppProcess.Key(event.deploymentId(), process, index))
                .chain(existing -> {
                    AppProcess row = existing != null ? existing : new AppProcess();
                    row.deploymentId = event.deploymentId();
                    row.app = event.app();
                    row.process = process;
                    row.instance = index;
                    row.updatedAt = now;
                    apply(row, event);
                    return existing != null ? Uni.createFrom().voidItem() : session.persist(row);
                });
    }

    private static void apply(AppProcess row, ProcessEvent event) {
        if (event instanceof ProcessStarted started) {
            row.state = AppProcess.State.UP.name();
            row.pid = started.pid();
            row.port = started.port() > 0 ? started.port() : null;
            row.startedAt = started.startedAt();
            row.restarts = started.restarts();
            row.worker = started.worker();
        } else if (event instanceof ProcessCrashed crashed) {
            row.state = (crashed.restartIn() == null ? AppProcess.State.CRASHED : AppProcess.State.RESTARTING).name();
            row.exitCode = crashed.exitCode();
            row.restarts = crashed.restarts();
            row.pid = null;
        } else {
            row.state = AppProcess.State.STOPPED.name();
            row.pid = null;
        }
    }
}
