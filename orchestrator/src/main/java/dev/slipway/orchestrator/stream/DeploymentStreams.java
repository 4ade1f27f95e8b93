package dev.slipway.orchestrator.stream;

import dev.slipway.api.event.EventTypes;
import dev.slipway.orchestrator.api.ApiException;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.eventlog.EventLog;
import dev.slipway.orchestrator.eventlog.EventSignals;
import dev.slipway.orchestrator.eventlog.LoggedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Live views of one deployment: what the log holds after a position, then each new row as it is
 * written, until the deployment has ended. Rows are read again on a signal from this process or,
 * for rows another replica wrote, at the next poll.
 */
@ApplicationScoped
public class DeploymentStreams {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final Mutiny.SessionFactory sessions;
    private final EventLog eventLog;
    private final EventSignals signals;

    public DeploymentStreams(Mutiny.SessionFactory sessions, EventLog eventLog, EventSignals signals) {
        this.sessions = sessions;
        this.eventLog = eventLog;
        this.signals = signals;
    }

    public Multi<LoggedEvent> events(UUID id, long after) {
        return follow(id, after, (session, from) -> eventLog.after(session, id, from), e -> e.position,
                batch -> batch.stream().anyMatch(e -> EventTypes.isTerminal(e.type)));
    }

    public Multi<StoredLogLine> logs(UUID id, long after) {
        return follow(id, after, (session, from) -> session.createQuery(
                                "from StoredLogLine where deploymentId = :id and position > :after order by position",
                                StoredLogLine.class)
                        .setParameter("id", id).setParameter("after", from).getResultList(),
                line -> line.position,
                batch -> false);
    }

    private interface Fetch<T> {
        Uni<List<T>> after(Mutiny.Session session, long position);
    }

    /**
     * @param ends whether a batch holds the stream's last item; independently, a stream ends once
     *             the deployment is over and a read finds nothing new
     */
    private <T> Multi<T> follow(UUID id, long after, Fetch<T> fetch, ToLongFunction<T> position, Predicate<List<T>> ends) {
        Context context = Vertx.currentContext();
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        AtomicLong cursor = new AtomicLong(after);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean first = new AtomicBoolean(true);
        List<T> end = new ArrayList<>(0); // compared by identity: the marker that ends the repetition
        return sessions.withSession(session -> session.find(Deployment.class, id))
                .onItem().ifNull().failWith(() -> ApiException.notFound("deployment " + id))
                .onItem().transformToMulti(found -> Multi.createBy().repeating()
                        .uni(() -> ended.get() ? Uni.createFrom().item(end)
                                : (first.getAndSet(false) ? Uni.createFrom().voidItem() : changeOf(id).emitOn(onContext))
                                        .chain(() -> read(id, fetch, cursor.get(), ended)))
                        .until(batch -> batch == end))
                .onItem().transformToIterable(batch -> {
                    if (!batch.isEmpty()) {
                        cursor.set(position.applyAsLong(batch.get(batch.size() - 1)));
                        if (ends.test(batch)) {
                            ended.set(true);
                        }
                    }
                    return batch;
                });
    }

    private <T> Uni<List<T>> read(UUID id, Fetch<T> fetch, long from, AtomicBoolean ended) {
        return sessions.withSession(session -> session.find(Deployment.class, id).chain(d -> {
            boolean over = d.state.isTerminal();
            return fetch.after(session, from).invoke(batch -> {
                if (over && batch.isEmpty()) {
                    ended.set(true);
                }
            });
        }));
    }

    private Uni<Void> changeOf(UUID id) {
        return signals.changes().filter(id::equals).toUni().replaceWithVoid()
                .ifNoItem().after(POLL).recoverWithItem((Void) null);
    }
}
