package dev.slipway.orchestrator.eventlog;

import dev.slipway.api.event.EventTypes;
import dev.slipway.api.event.ProcessEvent;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.messaging.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Appends facts to the event log and reads them back in order. */
@ApplicationScoped
public class EventLog {

    private final Clock clock;

    public EventLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Appends an event within the caller's transaction.
     *
     * @return false when an event with this id is already in the log: a redelivery, to be skipped
     */
    public Uni<Boolean> append(Mutiny.Session session, UUID eventId, SlipwayEvent event) {
        return session.createNativeQuery("""
                        insert into event_log (event_id, deployment_id, app, type, payload, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (event_id) do nothing""")
                .setParameter(1, eventId)
                .setParameter(2, event.deploymentId())
                .setParameter(3, event.app())
                .setParameter(4, event.type())
                .setParameter(5, EventCodec.encode(event))
                .setParameter(6, clock.instant())
                .executeUpdate()
                .map(rows -> rows == 1);
    }

    /**
     * The facts of a release's processes (started, crashed, …) follow its run, not its deployment:
     * they are in the log under the deployment that started the release, but not in its stream.
     */
    private static final List<String> PROCESS_FACTS = Arrays.stream(ProcessEvent.class.getPermittedSubclasses())
            .map(EventTypes::typeOf).toList();

    /** The deployment's events after {@code position}, oldest first. */
    public Uni<List<LoggedEvent>> after(Mutiny.Session session, UUID deploymentId, long position) {
        return session.createQuery("from LoggedEvent where deploymentId = :id and position > :after"
                                + " and type not in :processFacts order by position", LoggedEvent.class)
                .setParameter("id", deploymentId)
                .setParameter("after", position)
                .setParameter("processFacts", PROCESS_FACTS)
                .getResultList();
    }
}
