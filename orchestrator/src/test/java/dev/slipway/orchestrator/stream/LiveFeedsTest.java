package dev.slipway.orchestrator.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildStarted;
import dev.slipway.orchestrator.Eventually;
import dev.slipway.orchestrator.ThrowawayStore;
import dev.slipway.orchestrator.WorkerFacts;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.pipeline.DeploymentProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Many clients following one deployment's events over SSE, through the real endpoint, against a
 * real PostgreSQL: each gets every event once and in order from where it asked, one reader serves
 * them all, and nothing is left behind when they leave or the stream ends.
 */
@QuarkusTest
@QuarkusTestResource(value = ThrowawayStore.class, restrictToAnnotatedClass = true)
class LiveFeedsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int FOLLOWERS = 30;
    private static final int LEAVING = 10;

    @Inject
    DeploymentProcess process;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector bus;

    @Inject
    MeterRegistry meters;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void followersOfOneDeploymentShareOneReaderAndEachGetsEveryEventOnceInOrder() throws Exception {
        String app = "feed-" + Long.toHexString(System.nanoTime());
        sessions.withTransaction(session -> session.persist(new App(app, Instant.now()))).await().atMost(PATIENCE);
        UUID id = UUID.randomUUID();
        process.start(app, id, new DeploymentProcess.Origin(Path.of("/nowhere/source.tar.gz"), AppConfig.empty(), null,
                "a test")).await().atMost(PATIENCE);
        long requested = positions(id).get(0);

        List<Follower> followers = new ArrayList<>();
        for (int i = 0; i < FOLLOWERS; i++) {
            followers.add(follow(id, null));
        }
        Follower resuming = follow(id, requested);
        Eventually.within(PATIENCE, () -> followers.stream().allMatch(f -> f.saw("DeploymentRequested")),
                "every follower has the backlog");
        Eventually.within(PATIENCE, () -> gauge("slipway.streams.followers") == FOLLOWERS + 1,
                "the followers are counted");
        assertEquals(1, gauge("slipway.streams.feeds"), "one reader for all the followers of the deployment");

        bus.source("events").send(WorkerFacts.of(new BuildStarted(id, app, 1, "native", "a test")));
        Eventually.within(PATIENCE,
                () -> followers.stream().allMatch(f -> f.saw("BuildStarted")) && resuming.saw("BuildStarted"),
                "a new event reaches every follower");
        for (Follower leaving : followers.subList(0, LEAVING)) {
            leaving.leave();
        }
        Eventually.within(PATIENCE, () -> gauge("slipway.streams.followers") == FOLLOWERS + 1 - LEAVING,
                "those who left are gone");
        assertEquals(1, gauge("slipway.streams.feeds"), "the others still share the reader");

        process.cancel(id, "the test is over").await().atMost(PATIENCE);
        for (Follower staying : followers.subList(LEAVING, FOLLOWERS)) {
            assertEquals(List.of("DeploymentRequested", "BuildStarted", "DeploymentCancelled"),
                    staying.ended.get(PATIENCE.toSeconds(), TimeUnit.SECONDS),
                    "every event once, in order, and the stream ends after the terminal one");
        }
        assertEquals(List.of("BuildStarted", "DeploymentCancelled"),
                resuming.ended.get(PATIENCE.toSeconds(), TimeUnit.SECONDS),
                "a client resuming with Last-Event-ID gets what came after it");
        Eventually.within(PATIENCE,
                () -> gauge("slipway.streams.followers") == 0 && gauge("slipway.streams.feeds") == 0, "no follower and no reader left once the streams ended");
    }

    /** One SSE client: the event names it has seen; {@code ended} completes with them when the server ends the stream. */
    private static final class Follower implements Flow.Subscriber<String> {

        final List<String> seen = new ArrayList<>();
        final CompletableFuture<List<String>> ended = new CompletableFuture<>();
        private Flow.Subscription subscription;

        synchronized boolean saw(String event) {
            return seen.contains(event);
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
            if (line.startsWith("event:")) {
                seen.add(line.substring(6).strip());
            }
        }

        @Override
        public void onError(Throwable failure) {
            ended.completeExceptionally(failure);
        }

        @Override
        public synchronized void onComplete() {
            ended.complete(List.copyOf(seen));
        }
    }

    private Follower follow(UUID id, Long lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/deployments/" + id + "/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer throwaway-store-token");
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        Follower follower = new Follower();
        // The answer's future completes with its body, at the stream's end: the status is read as it comes.
        CompletableFuture<Integer> status = new CompletableFuture<>();
        http.sendAsync(request.build(), answer -> {
            status.complete(answer.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(follower);
        });
        assertEquals(200, status.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        return follower;
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private List<Long> positions(UUID id) {
        return sessions.withSession(session -> session.createQuery(
                        "select position from LoggedEvent where deploymentId = :id order by position", Long.class)
                .setParameter("id", id).getResultList()).await().atMost(PATIENCE);
    }
}
