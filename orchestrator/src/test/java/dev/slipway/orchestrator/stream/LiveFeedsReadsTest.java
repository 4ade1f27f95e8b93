package dev.slipway.orchestrator.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.orchestrator.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The feed's reads without a database: rows are positions, and the test decides when a read
 * answers, so a follower can join while one is under way.
 */
class LiveFeedsReadsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LiveFeeds feeds = new LiveFeeds(sessionsWithoutADatabase(), vertx, meters);
    /** Rows 1 to {@code rows} exist; the first read waits for {@link #firstRead}. */
    private volatile long rows = 7;
    private final CompletableFuture<Void> firstRead = new CompletableFuture<>();
    private final List<Long> readsFrom = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        vertx.close();
    }

    @Test
    void aFollowerJoiningDuringAReadFromFurtherOnGetsItsWholeBacklog() throws Exception {
        List<Long> ahead = new CopyOnWriteArrayList<>();
        List<Long> behind = new CopyOnWriteArrayList<>();
        follow(5).subscribe().with(ahead::add);
        Eventually.within(PATIENCE, () -> readsFrom.equals(List.of(5L)), "the first read, from 5");

        follow(0).subscribe().with(behind::add);
        firstRead.complete(null);

        Eventually.within(PATIENCE, () -> behind.size() == 7, "the late follower's backlog: " + behind);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), behind, "every row once, in order, from where it asked");
        assertEquals(List.of(6L, 7L), ahead);
        assertTrue(readsFrom.get(1) == 0L, "the read its joining asked for starts where it is: " + readsFrom);
        assertEquals(2.0, meters.get("slipway.streams.followers").gauge().value());
        assertEquals(1.0, meters.get("slipway.streams.feeds").gauge().value(), "one reader for both");
    }

    @Test
    void aStreamThatEndsLeavesItsFeedWithoutWaitingForItsClient() throws Exception {
        firstRead.complete(null);
        List<Long> got = new CopyOnWriteArrayList<>();
        // Row 7 is the last (a terminal event's stand-in); its client reads nothing more.
        feeds.follow(source(batch -> batch.contains(7L)), Uni.createFrom().item(0L)).subscribe().with(got::add);

        Eventually.within(PATIENCE, () -> got.size() == 7, "the rows up to the last");
        Eventually.within(PATIENCE, () -> meters.get("slipway.streams.feeds").gauge().value() == 0
                && meters.get("slipway.streams.followers").gauge().value() == 0, "no feed or follower left");
    }

    @Test
    void aClientThatStopsReadingIsDroppedOnceTooFarBehind() throws Exception {
        firstRead.complete(null);
        rows = LiveFeeds.MAX_BEHIND + 1;
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        feeds.follow(source(batch -> false), Uni.createFrom().item(0L)).subscribe().withSubscriber(
                new MultiSubscriber<Long>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        // requests nothing: a client that has stopped reading
                    }

                    @Override
                    public void onItem(Long row) {
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        failed.complete(failure);
                    }

                    @Override
                    public void onCompletion() {
                    }
                });

        Throwable failure = failed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertTrue(failure instanceof BackPressureFailure, failure.toString());
        Eventually.within(PATIENCE, () -> meters.get("slipway.streams.followers").gauge().value() == 0,
                "the follower is gone");
    }

    private Multi<Long> follow(long after) {
        return feeds.follow(source(batch -> false), Uni.createFrom().item(after));
    }

    private LiveFeeds.Source<Long> source(Predicate<List<Long>> ends) {
        return new LiveFeeds.Source<>(List.of("test"), session -> Uni.createFrom().item(false), Multi.createFrom().empty(),
                (session, from) -> {
                    readsFrom.add(from);
                    List<Long> found = LongStream.rangeClosed(from + 1, rows).boxed().toList();
                    return Uni.createFrom().completionStage(readsFrom.size() == 1 ? firstRead.thenApply(done -> found)
                            : CompletableFuture.completedFuture(found));
                }, row -> row, ends);
    }

    /** Hands a null session to the work: these reads touch no database. */
    @SuppressWarnings("unchecked")
    private static Mutiny.SessionFactory sessionsWithoutADatabase() {
        return (Mutiny.SessionFactory) Proxy.newProxyInstance(LiveFeedsReadsTest.class.getClassLoader(),
                new Class<?>[] {Mutiny.SessionFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("withSession") && args.length == 1 && args[0] instanceof Function<?, ?> work) {
                        return ((Function<Mutiny.Session, Uni<?>>) work).apply(null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
