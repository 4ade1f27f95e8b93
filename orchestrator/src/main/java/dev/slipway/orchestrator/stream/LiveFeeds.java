package dev.slipway.orchestrator.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * One reader for each subject followed in this process, however many clients follow it: a thousand
 * followers of one deployment cost one query per change, not a thousand. A feed reads from its
 * furthest-behind follower's position when a follower joins, at a signal and at the poll, and hands
 * each follower the rows past its own position; it stops when its last follower has left.
 */
@ApplicationScoped
public class LiveFeeds {

    /** For rows another orchestrator replica wrote, which send no signal here. */
    private static final Duration POLL = Duration.ofSeconds(1);

    /** What reads the rows after a position. */
    public interface Fetch<T> {
        Uni<List<T>> after(Mutiny.Session session, long position);
    }

    /**
     * What a feed follows.
     *
     * @param key      names the subject and what of it is read (compared by equals): followers with
     *                 the same key share a feed
     * @param over     whether nothing more will come (the deployment ended, the app is gone)
     * @param signals  an item whenever this process wrote new rows of the subject
     * @param ends     whether a batch holds the stream's last row; independently, a follower's stream
     *                 ends once the subject is over and a read finds nothing new for it
     */
    public record Source<T>(List<?> key, Function<Mutiny.Session, Uni<Boolean>> over, Multi<?> signals, Fetch<T> fetch,
                            ToLongFunction<T> position, Predicate<List<T>> ends) {
    }

    /**
     * Rows a client may be behind by before its stream fails (it can resume with Last-Event-ID): a
     * client that stops reading must not hold the orchestrator's memory.
     */
    static final int MAX_BEHIND = 10_000;

    private final Mutiny.SessionFactory sessions;
    private final Vertx vertx;
    /** Guarded by itself; a feed is in it exactly while it has followers. */
    private final Map<List<?>, Feed<?>> feeds = new HashMap<>();

    public LiveFeeds(Mutiny.SessionFactory sessions, Vertx vertx, MeterRegistry meters) {
        this.sessions = sessions;
        this.vertx = vertx;
        Gauge.builder("slipway.streams.followers", feeds, open -> {
            synchronized (open) {
                return open.values().stream().mapToInt(Feed::size).sum();
            }
        }).description("clients following a live stream (events, stage logs, runtime logs)").register(meters);
        Gauge.builder("slipway.streams.feeds", feeds, open -> {
            synchronized (open) {
                return open.size();
            }
        }).description("live streams read from the database, one for all the followers of a subject").register(meters);
    }

    /** The rows after {@code start}, then each new one, on the caller's context; ends as {@link Source} says. */
    public <T> Multi<T> follow(Source<T> source, Uni<Long> start) {
        Context caller = Vertx.currentContext();
        Multi<T> rows = start.onItem().transformToMulti(from -> Multi.createFrom().<T>emitter(emitter -> {
            Follower<T> follower = new Follower<>(emitter, from, source.position());
            join(source, follower);
            // After joining: a stream already cancelled runs this at once, and leaves.
            emitter.onTermination(() -> leave(source.key(), follower));
        }, BackPressureStrategy.IGNORE)).onOverflow().buffer(MAX_BEHIND);
        return caller == null ? rows : rows.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    @SuppressWarnings("unchecked")
    private <T> void join(Source<T> source, Follower<T> follower) {
        Feed<T> feed;
        synchronized (feeds) {
            feed = (Feed<T>) feeds.computeIfAbsent(source.key(), key -> new Feed<>(source));
            feed.add(follower);
        }
        feed.pump();
    }

    /** Whichever comes first, its stream ended here or its client went; the second finds it gone. */
    private void leave(List<?> key, Follower<?> follower) {
        synchronized (feeds) {
            Feed<?> feed = feeds.get(key);
            if (feed != null && feed.remove(follower) && feed.empty()) {
                feeds.remove(key);
                feed.close();
            }
        }
    }

    /**
     * One client's stream: what it has been handed so far. Handed rows by its feed's one read at a
     * time; the cursor is read by the feed's next read, hence volatile.
     */
    private static final class Follower<T> {

        private final MultiEmitter<? super T> emitter;
        private final ToLongFunction<T> position;
        private volatile long cursor;
        private volatile boolean done;

        Follower(MultiEmitter<? super T> emitter, long cursor, ToLongFunction<T> position) {
            this.emitter = emitter;
            this.cursor = cursor;
            this.position = position;
        }

        long cursor() {
            return cursor;
        }

        /**
         * The rows of {@code batch} past this follower's position; then the end if {@code last}, or
         * if nothing was new and the subject is over.
         *
         * @return whether its stream has ended
         */
        boolean take(List<T> batch, boolean last, boolean over) {
            if (done) {
                return true;
            }
            boolean anyNew = false;
            for (T row : batch) {
                long at = position.applyAsLong(row);
                if (at > cursor) {
                    emitter.emit(row);
                    cursor = at;
                    anyNew = true;
                }
            }
            if (last || (over && !anyNew)) {
                done = true;
                emitter.complete();
            }
            return done;
        }

        void fail(Throwable failure) {
            if (!done) {
                done = true;
                emitter.fail(failure);
            }
        }
    }

    /** What one read found, and from where it read. */
    private record Read<T>(long from, boolean over, List<T> batch) {
    }

    /** The reader of one subject. At most one read at a time; a reason to read during one reads again after it. */
    private final class Feed<T> {

        private final Source<T> source;
        /** A context of its own, on which its sessions live, whichever request started it. */
        private final Context context;
        private final List<Follower<T>> members = new ArrayList<>();
        private final Cancellable signals;
        private final long poll;
        private boolean reading;
        private boolean again;

        Feed(Source<T> source) {
            this.source = source;
            this.context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            // Its own, used by nothing else: safe for the sessions Hibernate Reactive keeps on it.
            VertxContextSafetyToggle.setContextSafe(context, true);
            this.signals = source.signals().subscribe().with(signal -> pump(), failure -> { });
            this.poll = vertx.setPeriodic(POLL.toMillis(), timer -> pump());
        }

        synchronized void add(Follower<T> follower) {
            members.add(follower);
        }

        synchronized boolean remove(Follower<?> follower) {
            return members.remove(follower);
        }

        synchronized boolean empty() {
            return members.isEmpty();
        }

        synchronized int size() {
            return members.size();
        }

        void close() {
            signals.cancel();
            vertx.cancelTimer(poll);
        }

        void pump() {
            List<Follower<T>> now;
            synchronized (this) {
                if (reading) {
                    again = true;
                    return;
                }
                if (members.isEmpty()) {
                    return;
                }
                reading = true;
                again = false;
                now = List.copyOf(members);
            }
            long from = now.stream().mapToLong(Follower::cursor).min().getAsLong();
            context.runOnContext(ignored -> Uni.createFrom().deferred(() -> sessions.withSession(session ->
                            source.over().apply(session).chain(over -> source.fetch().after(session, from)
                                    .map(batch -> new Read<>(from, over, batch)))))
                    .subscribe().with(this::deliver, this::failed));
        }

        /**
         * Hands the rows to every follower the read was for; one that joined after it began, behind
         * where it read from, waits for the read its joining asked for.
         */
        private void deliver(Read<T> read) {
            try {
                boolean last = !read.batch().isEmpty() && source.ends().test(read.batch());
                for (Follower<T> follower : snapshot()) {
                    if (follower.cursor() >= read.from() && follower.take(read.batch(), last, read.over())) {
                        leave(source.key(), follower);
                    }
                }
            } finally {
                readAgainIfAsked();
            }
        }

        private void failed(Throwable failure) {
            try {
                for (Follower<T> follower : snapshot()) {
                    follower.fail(failure);
                    leave(source.key(), follower);
                }
            } finally {
                readAgainIfAsked();
            }
        }
        private synchronized List<Follower<T>> snapshot() {
            return List.copyOf(members);
        }

        private void readAgainIfAsked() {
            boolean more;
            synchronized (this) {
                reading = false;
                more = again;
            }
            if (more) {
                pump();
            }
        }
    }
}
