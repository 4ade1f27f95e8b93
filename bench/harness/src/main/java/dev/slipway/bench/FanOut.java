package dev.slipway.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Many clients following one deployment's events at once: the delay from an event's append
 * ({@code event_log.recorded_at}, the orchestrator's clock, this machine's) to its arrival at each
 * client, for the events appended once every client was following; then as many clients again
 * leave a deployment mid-way, and what the orchestrator still holds for them is read back.
 */
final class FanOut {

    /**
     * @param missed          live events a follower never got
     * @param broken          followers whose stream ended before the deployment's terminal event
     * @param followersLeft   the orchestrator's {@code slipway_streams_followers} after the leavers left
     * @param feedsLeft       its {@code slipway_streams_feeds} then
     */
    record Result(Samples delay, int liveEvents, int missed, int broken, long threadsBefore, long threadsFollowing, long threadsAfter,
                  double followersLeft, double feedsLeft, String perEvent) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> TERMINAL = List.of("DeploymentSucceeded", "DeploymentFailed", "DeploymentCancelled");

    private final BenchApi api;
    private final BenchStack stack;
    private final String jdbcUrl;
    private final String password;
    /** A connection per follower, as separate clients have: HTTP/2 would multiplex at most 100 streams on one. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    FanOut(BenchApi api, BenchStack stack, String password) {
        this.api = api;
        this.stack = stack;
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + stack.pgPort + "/slipway";
        this.password = password;
    }

    Result run(String app, int count, long buildMs) throws Exception {
        long threadsBefore = stack.threads("orchestrator");
        String id = api.deploy(app, NoopApp.archiveBuildingFor(buildMs));
        List<Follower> followers = open(id, count);
        await(followers, Follower::connected, "received the deployment's first event");
        Instant allFollowing = Instant.now();
        long threadsFollowing = stack.threads("orchestrator");
        await(followers, f -> f.ended.isDone(), "seen the stream end");

        int broken = (int) followers.stream().filter(f -> !f.sawTheEnd()).count();
        Samples delay = new Samples();
        int live = 0;
        int missed = 0;
        StringBuilder perEvent = new StringBuilder("SSE fan-out, each live event: append → arrival at the first, the"
                + " median and the last follower, ms\n\n| position | first | p50 | last |\n|---:|---:|---:|---:|\n");
        for (Map.Entry<Long, Instant> event : new TreeMap<>(recordedAt(UUID.fromString(id))).entrySet()) {
            if (event.getValue().isAfter(allFollowing)) {
                live++;
                Samples one = new Samples();
                for (Follower follower : followers) {
                    Instant arrived = follower.arrival(event.getKey());
                    if (arrived == null) {
                        missed++;
                    } else {
                        long nanos = Duration.between(event.getValue(), arrived).toNanos();
                        delay.addNanos(nanos);
                        one.addNanos(nanos);
                    }
                }
                if (one.size() > 0) {
                    perEvent.append(String.format("| %d | %.1f | %.1f | %.1f |%n", event.getKey(), one.percentile(0.001),
                            one.p50(), one.percentile(1.0)));
                }
            }
        }
        System.out.print(perEvent);

        String second = api.deploy(app, NoopApp.archiveBuildingFor(buildMs));
        List<Follower> leavers = open(second, count);
        await(leavers, Follower::connected, "received the second deployment's first event");
        leavers.forEach(Follower::leave);
        double followersLeft = Double.NaN;
        double feedsLeft = Double.NaN;
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < end; ) {
            try {
                followersLeft = api.gauge("slipway_streams_followers");
                feedsLeft = api.gauge("slipway_streams_feeds");
            } catch (IOException e) {
                break; // an orchestrator from before the gauges: not measured
            }
            if (followersLeft == 0 && feedsLeft == 0) {
                break;
            }
            Thread.sleep(200);
        }
        try {
            api.follow(second);
        } catch (IOException e) {
            System.out.println("  the second deployment could not be followed to its end: " + e.getMessage());
        }
        Thread.sleep(5000);
        return new Result(delay, live, missed, broken, threadsBefore, threadsFollowing, stack.threads("orchestrator"),
                followersLeft, feedsLeft, perEvent.toString());
    }

    private List<Follower> open(String id, int count) throws Exception {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        List<Follower> followers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Follower follower = new Follower();
            followers.add(follower);
            // The answer's own future completes with its body, at the stream's end: the status is taken as it comes.
            CompletableFuture<Integer> status = new CompletableFuture<>();
            answers.add(status);
            http.sendAsync(api.request("/api/deployments/" + id + "/events").timeout(Duration.ofMinutes(10))
                    .header("Accept", "text/event-stream").GET().build(), answer -> {
                        status.complete(answer.statusCode());
                        return HttpResponse.BodySubscribers.fromLineSubscriber(follower);
                    }).whenComplete((done, failure) -> {
                        if (failure != null) {
                            status.completeExceptionally(failure);
                            follower.ended.completeExceptionally(failure);
                        }
                    });
        }
        for (CompletableFuture<Integer> answer : answers) {
            int status = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (status != 200) {
                throw new IOException("GET /api/deployments/" + id + "/events: " + status);
            }
        }
        return followers;
    }

    private static void await(List<Follower> followers, Predicate<Follower> done, String what) throws Exception {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (!followers.stream().allMatch(done)) {
            if (System.nanoTime() > end) {
                throw new IOException(followers.stream().filter(done.negate()).count() + " of " + followers.size()
                        + " followers had not " + what + " within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    private Map<Long, Instant> recordedAt(UUID deployment) throws SQLException {
        Map<Long, Instant> recorded = new HashMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "slipway", password);
             PreparedStatement query = db.prepareStatement(
                     "SELECT position, recorded_at FROM event_log WHERE deployment_id = ?")) {
            query.setObject(1, deployment);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    recorded.put(rows.getLong(1), rows.getTimestamp(2).toInstant());
                }
            }
        }
        return recorded;
    }

    /** One SSE client: when each event (by its id, the log position) arrived. */
    private static final class Follower implements Flow.Subscriber<String> {

        private final Map<Long, Instant> arrivals = new HashMap<>();
        private boolean terminal;
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        synchronized boolean connected() {
            return !arrivals.isEmpty();
        }

        synchronized boolean sawTheEnd() {
            return terminal;
        }

        synchronized Instant arrival(long position) {
            return arrivals.get(position);
        }

        void leave() {
            subscription.cancel();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(String line) {
            if (line.startsWith("id:")) {
                arrivals.put(Long.parseLong(line.substring(3).strip()), Instant.now());
            } else if (line.startsWith("event:")) {
                terminal |= TERMINAL.contains(line.substring(6).strip());
            }
        }

        @Override
        public void onError(Throwable failure) {
            ended.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }
    }
}
