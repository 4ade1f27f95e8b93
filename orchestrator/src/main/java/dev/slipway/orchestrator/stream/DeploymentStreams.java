package dev.slipway.orchestrator.stream;

import dev.slipway.api.event.EventTypes;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.eventlog.EventLog;
import dev.slipway.orchestrator.eventlog.EventSignals;
import dev.slipway.orchestrator.eventlog.LoggedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Live views of one deployment, and of an app's runtime log: what the log holds after a position,
 * then each new row as it is written, until the deployment has ended (or the app is gone). Rows
 * are read again on a signal from this process or, for rows another replica wrote, at the poll;
 * every follower of the same view shares one reader ({@link LiveFeeds}).
 */
@ApplicationScoped
public class DeploymentStreams {

    /** Where an app's runtime log stream starts at the earliest: this many lines back. */
    public static final int MAX_RUNTIME_BACKLOG = 1000;

    private final Mutiny.SessionFactory sessions;
    private final EventLog eventLog;
    private final EventSignals signals;
    private final LiveFeeds feeds;

    public DeploymentStreams(Mutiny.SessionFactory sessions, EventLog eventLog, EventSignals signals, LiveFeeds feeds) {
        this.sessions = sessions;
        this.eventLog = eventLog;
        this.signals = signals;
        this.feeds = feeds;
    }

    public Multi<LoggedEvent> events(UUID id, long after) {
        return ofDeployment("events", id, after, (session, from) -> eventLog.after(session, id, from), e -> e.position,
                batch -> batch.stream().anyMatch(e -> EventTypes.isTerminal(e.type)));
    }

    /** Its stage logs; what its release's processes print later is the app's runtime log. */
    public Multi<StoredLogLine> logs(UUID id, long after) {
        return ofDeployment("logs", id, after, (session, from) -> session.createQuery(
                                "from StoredLogLine where deploymentId = :id and position > :after and stage <> 'run'"
                                        + " order by position", StoredLogLine.class)
                        .setParameter("id", id).setParameter("after", from).getResultList(),
                line -> line.position, batch -> false);
    }

    /** {@code what} of deployment {@code id}, after {@code after}, until the deployment is over. */
    private <T> Multi<T> ofDeployment(String what, UUID id, long after, LiveFeeds.Fetch<T> fetch, ToLongFunction<T> position,
                                      Predicate<List<T>> ends) {
        return feeds.follow(new LiveFeeds.Source<>(List.of(what, id),
                session -> session.find(Deployment.class, id).map(d -> d == null || d.state.isTerminal()),
                signals.changes().filter(id::equals), fetch, position, ends), Uni.createFrom().item(after));
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
        LiveFeeds.Fetch<StoredLogLine> fetch = (session, from) -> byProcess(session.createQuery("from StoredLogLine"
                        + " where app = :app and stage = 'run' and position > :after" + filter + " order by position",
                        StoredLogLine.class).setParameter("app", app).setParameter("after", from), value)
                .getResultList();
        Uni<Long> start = sessions.withSession(session -> byProcess(session.createQuery("select position"
                        + " from StoredLogLine where app = :app and stage = 'run'" + filter + " order by position desc",
                        Long.class).setParameter("app", app).setMaxResults(1)
                        .setFirstResult(after > 0 ? MAX_RUNTIME_BACKLOG : Math.min(recent, MAX_RUNTIME_BACKLOG)), value)
                        .getResultList())
                .map(before -> Math.max(after, before.isEmpty() ? 0 : before.get(0)));
        return feeds.follow(new LiveFeeds.Source<>(Arrays.asList("run", app, process, live),
                session -> live ? session.find(App.class, app).map(Objects::isNull) : Uni.createFrom().item(true),
                signals.runtimeLogs().filter(app::equals), fetch, line -> line.position, batch -> !live), start);
    }

    /** The query with its {@code :process} bound, when it filters by one. */
    private static <R> Mutiny.SelectionQuery<R> byProcess(Mutiny.SelectionQuery<R> query, String process) {
        return process == null ? query : query.setParameter("process", process);
    }
}
