package dev.slipway.orchestrator.stream;

import dev.slipway.api.event.EventTypes;
import dev.slipway.orchestrator.app.App;
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
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Live views of one deployment, and of an app's runtime log: what the log holds after a position,
 * then each new row as it is written, until the deployment has ended (or the app is gone). Rows
 * are read again on a signal from this process or, for rows another replica wrote, at the next poll.
 */
@ApplicationScoped
public class DeploymentStreams {

    private static final Duration POLL = Duration.ofSeconds(1);
    /** Where an app's runtime log stream starts at the earliest: this many lines back. */
    public static final int MAX_RUNTIME_BACKLOG = 1000;

    private final Mutiny.SessionFactory sessions;
    private final EventLog eventLog;
    private final EventSignals signals;

    public DeploymentStreams(Mutiny.SessionFactory sessions, EventLog eventLog, EventSignals signals) {
        this.sessions = sessions;
        this.eventLog = eventLog;
        this.signals = signals;
    }

    public Multi<LoggedEvent> events(UUID id, long after) {
        return follow(deployment(id), Uni.createFrom().item(after), (session, from) -> eventLog.after(session, id, from),
                e -> e.position,
                batch -> batch.stream().anyMatch(e -> EventTypes.isTerminal(e.type)));
    }

    /** Its stage logs; what its release's processes print later is the app's runtime log. */
    public Multi<StoredLogLine> logs(UUID id, long after) {
        return follow(deployment(id), Uni.createFrom().item(after), (session, from) -> session.createQuery(
                                "from StoredLogLine where deploymentId = :id and position > :after and stage <> 'run'"
                                        + " order by position", StoredLogLine.class)
                        .setParameter("id", id).setParameter("after", from).getResultList(),
                line -> line.position,
                batch -> false);
    }

    /**
     * The app's runtime log: its releases' {@code run} lines, from the process (a type such as
     * {@code web}, or one process, {@code web.1}; all when {@code null}) or, for all, the host's
     * too. It starts {@code recent} lines back, or after {@code after} when that is set (a client
     * resuming), but never more than {@link #MAX_RUNTIME_BACKLOG} lines back; {@code live}: it goes
     * on until the app is deleted.
     */
    public Multi<StoredLogLine> runtimeLogs(String app, String process, int recent, long after, boolean live) {
        String filter = process == null ? ""
                : process.contains(".") ? " and process = :process" : " and process like :process escape '!'";
        // A type's processes: its name, a dot, an index; '_' in a type is literal, not LIKE's any-character.
        String value = process == null ? null : process.contains(".") ? process
                : process.replace("_", "!_") + ".%";
        Fetch<StoredLogLine> fetch = (session, from) -> byProcess(session.createQuery("from StoredLogLine"
                        + " where app = :app and stage = 'run' and position > :after" + filter + " order by position",
                        StoredLogLine.class).setParameter("app", app).setParameter("after", from), value)
                .getResultList();
        Subject subject = new Subject(session -> live ? session.find(App.class, app).map(Objects::isNull)
                        : Uni.createFrom().item(true),
                () -> signalOrPoll(signals.runtimeLogs().filter(app::equals)));
        Uni<Long> start = sessions.withSession(session -> byProcess(session.createQuery("select position"
                        + " from StoredLogLine where app = :app and stage = 'run'" + filter + " order by position desc",
                        Long.class).setParameter("app", app).setMaxResults(1)
                        .setFirstResult(after > 0 ? MAX_RUNTIME_BACKLOG : Math.min(recent, MAX_RUNTIME_BACKLOG)), value)
                        .getResultList())
                .map(before -> Math.max(after, before.isEmpty() ? 0 : before.get(0)));
        return follow(subject, start, fetch, line -> line.position, batch -> !live);
    }

    /** The query with its {@code :process} bound, when it filters by one. */
    private static <R> Mutiny.SelectionQuery<R> byProcess(Mutiny.SelectionQuery<R> query, String process) {
        return process == null ? query : query.setParameter("process", process);
    }

    private interface Fetch<T> {
        Uni<List<T>> after(Mutiny.Session session, long position);
    }

    /**
     * What a stream follows ({@link StreamSubjects} answered 404 for one that does not exist):
     * {@code over} says whether nothing more will come, {@code change} completes at a signal of new
     * rows or after the poll interval.
     */
    private record Subject(Function<Mutiny.Session, Uni<Boolean>> over, Supplier<Uni<Void>> change) {
    }

    private Subject deployment(UUID id) {
        return new Subject(session -> session.find(Deployment.class, id).map(d -> d == null || d.state.isTerminal()),
                () -> signalOrPoll(signals.changes().filter(id::equals)));
    }

    /** Completes at the first of these signals, or after the poll interval. */
    private static Uni<Void> signalOrPoll(Multi<?> signals) {
        return signals.toUni().replaceWithVoid().ifNoItem().after(POLL).recoverWithItem((Void) null);
    }

    /**
     * @param after the position the stream starts after
     * @param ends  whether a batch holds the stream's last item; independently, a stream ends once
     *              its subject is over and a read finds nothing new
     */
    private <T> Multi<T> follow(Subject subject, Uni<Long> after, Fetch<T> fetch, ToLongFunction<T> position,
                                Predicate<List<T>> ends) {
        // The request's context, taken now: the reads below complete on the database client's.
        Context context = Vertx.currentContext();
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        AtomicLong cursor = new AtomicLong();
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean first = new AtomicBoolean(true);
        List<T> end = new ArrayList<>(0); // compared by identity: the marker that ends the repetition
        return after.invoke(cursor::set).onItem().transformToMulti(from -> Multi.createBy().repeating()
                        .uni(() -> ended.get() ? Uni.createFrom().item(end)
                                : (first.getAndSet(false) ? Uni.createFrom().voidItem()
                                        : subject.change().get().emitOn(onContext))
                                        .chain(() -> read(subject, fetch, cursor.get(), ended)))
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

    private <T> Uni<List<T>> read(Subject subject, Fetch<T> fetch, long from, AtomicBoolean ended) {
        return sessions.withSession(session -> subject.over().apply(session).chain(over ->
                fetch.after(session, from).invoke(batch -> {
                    if (over && batch.isEmpty()) {
                        ended.set(true);
                    }
                })));
    }
}
