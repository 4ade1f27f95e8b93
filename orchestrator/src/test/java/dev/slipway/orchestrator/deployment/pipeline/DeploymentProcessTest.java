package dev.slipway.orchestrator.deployment.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.Eventually;
import dev.slipway.orchestrator.ThrowawayStore;
import dev.slipway.orchestrator.WorkerFacts;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.deployment.DeploymentStage;
import dev.slipway.orchestrator.eventlog.LoggedEvent;
import dev.slipway.orchestrator.outbox.OutboxMessage;
import dev.slipway.orchestrator.workflow.DeploymentState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The process manager on its own: a worker's fact goes in on the events channel, and the
 * deployment's projection, its stage row, the event log and the outbox come out of one
 * transaction, in a real PostgreSQL; the outbox relay then publishes the next command. The broker
 * is not there (the channels are in memory): the whole pipeline is proven by the e2e suite.
 */
@QuarkusTest
@QuarkusTestResource(value = ThrowawayStore.class, restrictToAnnotatedClass = true)
class DeploymentProcessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    DeploymentProcess process;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector bus;

    @Test
    void aBuiltFactMovesTheDeploymentOnAndWritesTheDeployCommandOnceInTheSameTransaction() throws Exception {
        String app = "fold-" + Long.toHexString(System.nanoTime());
        sessions.withTransaction(session -> session.persist(new App(app, Instant.now()))).await().atMost(PATIENCE);
        InMemorySink<String> commands = bus.sink("commands");
        UUID id = UUID.randomUUID();
        process.start(app, id, new DeploymentProcess.Origin(Path.of("/nowhere/source.tar.gz"), AppConfig.empty(), null,
                "a test")).await().atMost(PATIENCE);

        assertEquals(DeploymentState.BUILDING, deployment(id).state);
        assertEquals(List.of("BuildRequested"), outboxTypes(id));
        Eventually.within(PATIENCE, () -> published(commands, id).contains("BuildRequested"),
                "the relay publishes the build");

        BuildArtifact artifact = new BuildArtifact(BuildArtifact.PROCESS, Path.of("/builds/" + id), Map.of("web", "x"),
                Map.of(), List.of(), "native", "python");
        Message<String> fact = WorkerFacts.of(new Built(id, app, 1, artifact));
        bus.source("events").send(fact);
        Eventually.within(PATIENCE, () -> deployment(id).state == DeploymentState.DEPLOYING,
                "the deployment goes on to deploy");

        Deployment d = deployment(id);
        assertEquals(artifact, d.artifact(), "the projection keeps what the build produced");
        DeploymentStage build = stage(id, "build");
        assertEquals("SUCCEEDED", build.state, "the build's row");
        assertTrue(d.stageDeadline.isAfter(Instant.now().plus(Duration.ofMinutes(5))), "the deploy stage's deadline");
        assertEquals(List.of("BuildRequested", "DeployRequested"), outboxTypes(id));
        OutboxMessage deploy = outbox(id).get(1);
        assertEquals(artifact, ((DeployRequested) EventCodec.decode(deploy.type, deploy.payload)).artifact());
        Eventually.within(PATIENCE, () -> published(commands, id).contains("DeployRequested"),
                "the relay publishes the deploy");

        // Kafka delivers at least once: the same fact again is in the log once and changes nothing.
        bus.source("events").send(WorkerFacts.redelivered(new Built(id, app, 1, artifact), fact));
        bus.source("events").send(WorkerFacts.of(new BuildRequested(id, app, 1, Path.of("/x"), AppConfig.empty())));
        Eventually.within(PATIENCE, () -> loggedTypes(id).contains("Built"), "the fact is in the log");
        assertEquals(1, loggedTypes(id).stream().filter("Built"::equals).count(), "recorded once");
        assertEquals(List.of("BuildRequested", "DeployRequested"), outboxTypes(id), "no second command");
        assertEquals(DeploymentState.DEPLOYING, deployment(id).state);
    }

    private Deployment deployment(UUID id) {
        return sessions.withSession(session -> session.find(Deployment.class, id)).await().atMost(PATIENCE);
    }

    private DeploymentStage stage(UUID id, String stage) {
        return sessions.withSession(session -> session.createQuery(
                        "from DeploymentStage where deploymentId = :id and stage = :stage", DeploymentStage.class)
                .setParameter("id", id).setParameter("stage", stage).getSingleResult()).await().atMost(PATIENCE);
    }

    private List<OutboxMessage> outbox(UUID id) {
        return sessions.withSession(session -> session.createQuery(
                        "from OutboxMessage where deploymentId = :id order by position", OutboxMessage.class)
                .setParameter("id", id).getResultList()).await().atMost(PATIENCE);
    }

    private List<String> outboxTypes(UUID id) {
        return outbox(id).stream().map(m -> named(m.type)).toList();
    }

    private List<String> loggedTypes(UUID id) {
        return sessions.withSession(session -> session.createQuery(
                        "from LoggedEvent where deploymentId = :id order by position", LoggedEvent.class)
                .setParameter("id", id).getResultList()).await().atMost(PATIENCE).stream().map(e -> named(e.type)).toList();
    }

    private static List<String> published(InMemorySink<String> sink, UUID id) {
        return sink.received().stream().filter(m -> m.getPayload().contains(id.toString()))
                .map(m -> named(m.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow().getType()))
                .toList();
    }

    /** An event's type as its record is named ({@code dev.slipway.Built}: Built). */
    private static String named(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
