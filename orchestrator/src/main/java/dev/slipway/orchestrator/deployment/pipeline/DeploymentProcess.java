package dev.slipway.orchestrator.deployment.pipeline;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.Command;
import dev.slipway.api.event.Deployed;
import dev.slipway.api.event.DeploymentCancelled;
import dev.slipway.api.event.DeploymentDequeued;
import dev.slipway.api.event.DeploymentEvent;
import dev.slipway.api.event.DeploymentFailed;
import dev.slipway.api.event.DeploymentRequested;
import dev.slipway.api.event.DeploymentSucceeded;
import dev.slipway.api.event.ProxyConfigured;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.config.ConfigVar;
import dev.slipway.orchestrator.config.DeclaredEnv;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.deployment.release.Release;
import dev.slipway.orchestrator.domain.DomainClaims;
import dev.slipway.orchestrator.eventlog.EventLog;
import dev.slipway.orchestrator.eventlog.EventSignals;
import dev.slipway.orchestrator.outbox.Outbox;
import dev.slipway.orchestrator.outbox.OutboxRelay;
import dev.slipway.orchestrator.plugin.WorkerDirectory;
import dev.slipway.orchestrator.process.Formations;
import dev.slipway.orchestrator.workflow.Cancellation;
import dev.slipway.orchestrator.workflow.Decision;
import dev.slipway.orchestrator.workflow.DeployOrder;
import dev.slipway.orchestrator.workflow.DeploymentSnapshot;
import dev.slipway.orchestrator.workflow.DeploymentState;
import dev.slipway.orchestrator.workflow.StagePolicy;
import dev.slipway.orchestrator.workflow.Workflow;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The process manager: records a fact, asks the {@link Workflow} what follows, and in the same
 * transaction updates the projections and writes the next commands to the outbox. One deployment
 * of an app is in flight at a time; the others wait in request order ({@code QUEUED}), and the
 * transaction that ends one starts the next.
 */
@ApplicationScoped
public class DeploymentProcess {

    private static final Logger LOG = Logger.getLogger(DeploymentProcess.class);

    private final Mutiny.SessionFactory sessions;
    private final EventLog eventLog;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final EventSignals signals;
    private final Clock clock;
    private final String baseDomain;
    private final StagePolicy policy;
    private final DomainClaims domains;
    private final WorkerDirectory workers;
    private final DeclaredEnv declaredEnv;

    public DeploymentProcess(Mutiny.SessionFactory sessions, EventLog eventLog, Outbox outbox, OutboxRelay relay,
                             EventSignals signals, Clock clock, SlipwayConfig config, DomainClaims domains,
                             WorkerDirectory workers, DeclaredEnv declaredEnv) {
        this.declaredEnv = declaredEnv;
        this.domains = domains;
        this.workers = workers;
        this.relay = relay;
        this.sessions = sessions;
        this.eventLog = eventLog;
        this.outbox = outbox;
        this.signals = signals;
        this.clock = clock;
        this.baseDomain = config.baseDomain();
        this.policy = config.stages().policy();
    }

    /**
     * What a deployment starts from: a source to build, or also an earlier release's artifact, which
     * is run again without building.
     *
     * @param rebase what is decided on its turn rather than now; null: new code keeps the formation
     *               served on its turn, a configuration that names its formation (a rollback) keeps it
     * @param restoresConfigVars a rollback, as Heroku's: the config vars of the release it runs again
     *               (sealed in {@code config}) become the app's again, in the transaction that records it
     */
    public record Origin(Path source, AppConfig config, BuildArtifact artifact, String description, Rebase rebase,
                         boolean restoresConfigVars) {

        public Origin(Path source, AppConfig config, BuildArtifact artifact, String description, Rebase rebase) {
            this(source, config, artifact, description, rebase, false);
        }

        public Origin(Path source, AppConfig config, BuildArtifact artifact, String description) {
            this(source, config, artifact, description, null);
        }

        /** Runs an earlier release again: its artifact, its configuration and its config vars. */
        public static Origin rollback(Path source, AppConfig config, BuildArtifact artifact, String description) {
            return new Origin(source, config, artifact, description, null, true);
        }

        Rebase decidedOnTurn() {
            return rebase != null ? rebase : config.formation() == null ? Rebase.NEW_CODE : null;
        }

        boolean redeploysServing() {
            return rebase != null && rebase.serving();
        }
    }

    /**
     * Creates a deployment of {@code app} and starts its pipeline, or queues it behind the app's
     * earlier ones. The app's row is locked first, as everywhere here, so that request numbers
     * follow the order of requests and a queue's head is started exactly once.
     */
    public Uni<Deployment> start(String app, UUID id, Origin origin) {
        DeploymentRequested requested = new DeploymentRequested(id, app, 1, origin.description());
        return sessions.withTransaction(session -> lockedApp(session, app)
                        .onItem().ifNull().switchTo(() -> App.existing(session, app))
                        // Every origin claims, a rollback too: its release may name a domain given up since.
                        .call(found -> domains.claim(session, app, origin.config().proxy().domains()))
                        // The formation is part of the release: new code keeps the serving one's.
                        .chain(found -> Formations.resolve(session, found, origin.config())
                                .chain(config -> AppQueue.nextRequestNumber(session, app).chain(number -> {
                            Instant now = clock.instant();
                            Deployment d = new Deployment();
                            d.id = id;
                            d.app = app;
                            d.requestNumber = number;
                            d.state = DeploymentState.REQUESTED;
                            d.attempt = requested.attempt();
                            d.source = origin.source().toString();
                            d.artifact = origin.artifact() == null ? null : EventCodec.encode(origin.artifact());
                            d.createdAt = now;
                            d.updatedAt = now;
                            Rebase rebase = origin.decidedOnTurn();
                            d.rebase = rebase == null ? null : EventCodec.encode(rebase);
                            // The release gets the app's config vars as they are now, sealed.
                            // New code may declare config vars it needs (app.json); a rollback or a redeploy brings none.
                            Uni<List<ConfigVar>> vars = origin.restoresConfigVars()
                                    ? ConfigVar.replaceAll(session, app, config.sealedEnv(), now)
                                    : origin.redeploysServing() ? ConfigVar.ofApp(session, app)
                                    : ConfigVar.ofApp(session, app).chain(current ->
                                            declaredEnv.apply(session, app, config, current, now));
                            return vars.map(current -> {
                                d.config = EventCodec.encode(config.withSealedEnv(current.stream()
                                        .collect(Collectors.toMap(v -> v.key, v -> v.sealed))));
                                return d;
                            });
                        }))
                        .call(d -> DeploymentPins.installed(session).invoke(pins -> d.pluginPins = pins))
                        .call(d -> session.persist(d).chain(session::flush))
                        // A config change or a scale redeploys what serves on its turn: it replaces no new code.
                        .call(d -> found.deployOrder == DeployOrder.SUPERSEDE && !origin.redeploysServing()
                                ? supersede(session, d) : Uni.createFrom().voidItem()))
                        .call(d -> eventLog.append(session, UUID.randomUUID(), requested)
                                .chain(() -> advance(session, requested))))
                .invoke(() -> committed(id));
    }

    /**
     * Cancels a deployment: a waiting one is dropped, a running one stopped ({@link Cancellation});
     * the app's next waiting deployment starts in the same transaction.
     *
     * @throws Refused NOT_FOUND for no such deployment, CONFLICT when it cannot be cancelled (any more)
     */
    public Uni<Deployment> cancel(UUID id, String reason) {
        return sessions.withTransaction(session -> AppQueue.appOf(session, id)
                        .onItem().ifNull().failWith(() -> Refused.notFound("deployment " + id))
                        .call(app -> lockedApp(session, app))
                        .chain(app -> session.find(Deployment.class, id, LockMode.PESSIMISTIC_WRITE))
                        // Gone with its app between the two reads.
                        .onItem().ifNull().failWith(() -> Refused.notFound("deployment " + id))
                        .call(d -> cancelLocked(session, d, reason, true)))
                .invoke(() -> committed(id));
    }

    /** A supersede app's new request cancels those still waiting (never the one running). */
    private Uni<Void> supersede(Mutiny.Session session, Deployment newer) {
        return AppQueue.unfinished(session, newer.app).chain(unfinished -> sequence(unfinished.stream()
                .filter(d -> d.state == DeploymentState.QUEUED && !redeploysServing(d))
                .map(d -> cancelLocked(session, d, "superseded by deployment " + newer.id, false))
                .toList())).call(session::flush);
    }

    private Uni<Void> cancelLocked(Mutiny.Session session, Deployment d, String reason, boolean startNext) {
        return snapshot(session, d).chain(snapshot -> {
            Decision decision = Cancellation.cancel(snapshot, reason, policy);
            if (decision.ignored()) {
                return Uni.createFrom().failure(Refused.conflict("deployment " + d.id + " cannot be cancelled: " + decision.ignoredBecause()));
            }
            Instant now = clock.instant();
            String row = d.state.row();
            return StageProjection.cancelled(session, d.id, row, now)
                    .chain(() -> outbox.dropUnsentStages(session, d.id))
                    .chain(() -> conclude(session, d, decision, now, startNext));
        });
    }

    /** Records {@code event} once (a redelivered id is skipped) and advances its deployment. */
    public Uni<Void> record(UUID eventId, SlipwayEvent event) {
        return sessions.withTransaction(session -> eventLog.append(session, eventId, event)
                        .chain(fresh -> fresh ? advance(session, event) : Uni.createFrom().voidItem()))
                .invoke(() -> committed(event.deploymentId()));
    }

    private void committed(UUID deploymentId) {
        signals.changed(deploymentId);
        relay.wake();
    }

    private Uni<Void> advance(Mutiny.Session session, SlipwayEvent event) {
        return lockedApp(session, event.app())
                .chain(() -> session.find(Deployment.class, event.deploymentId(), LockMode.PESSIMISTIC_WRITE))
                .chain(deployment -> {
                    if (deployment == null) {
                        // An app hook's outcome (its id is the request's), or the workers' last answers for an
                        // app deleted meanwhile: in the log, and nothing to advance.
                        LOG.infof("%s of no deployment (%s) recorded", event.type(), event.deploymentId());
                        return Uni.createFrom().voidItem();
                    }
                    return snapshot(session, deployment).chain(snapshot -> {
                        Decision decision = Workflow.next(snapshot, event, policy);
                        if (decision.ignored()) {
                            LOG.infof("deployment %s: %s", deployment.id, decision.ignoredBecause());
                            return sequence(decision.commands().stream()
                                    .map(command -> outbox.enqueue(session, DeploymentPins.apply(deployment, command),
                                            decision.delay())).toList());
                        }
                        return apply(session, deployment, event, decision);
                    });
                });
    }

    private Uni<Void> apply(Mutiny.Session session, Deployment deployment, SlipwayEvent event, Decision decision) {
        Instant now = clock.instant();
        String row = deployment.state == DeploymentState.ROLLING_BACK ? "rollback" : StageProjection.rowOf(event);
        if (event instanceof ProxyConfigured configured && deployment.state == DeploymentState.PROXYING) {
            deployment.urls = EventCodec.encode(configured.urls());
        }
        if (event instanceof Built built) {
            deployment.artifact = EventCodec.encode(built.artifact());
        }
        if (event instanceof Deployed deployed) {
            deployment.releaseInfo = EventCodec.encode(deployed.release());
        }
        return StageProjection.apply(session, event, row, now).chain(() -> conclude(session, deployment, decision, now, true));
    }

    /**
     * Moves the deployment to the decision's state, writes its commands and facts, and, when it has
     * just ended, starts the app's next waiting deployment: in this transaction, so the turn is
     * never lost to a crash between the two.
     */
    private Uni<Void> conclude(Mutiny.Session session, Deployment deployment, Decision decision, Instant now,
                               boolean startNext) {
        boolean ends = decision.next().isTerminal() && !deployment.state.isTerminal();
        if (decision.error() != null) {
            deployment.error = decision.error();
        }
        deployment.state = decision.next();
        deployment.attempt = decision.attempt();
        deployment.updatedAt = now;
        Decision.Deadline deadline = decision.deadline();
        if (deadline instanceof Decision.Deadline.None) {
            deployment.stageDeadline = null;
        } else if (deadline instanceof Decision.Deadline.In in) {
            deployment.stageDeadline = now.plus(in.duration());
        }
        List<Uni<Void>> steps = new ArrayList<>();
        for (Command command : decision.commands()) {
            steps.add(outbox.enqueue(session, DeploymentPins.apply(deployment, command), decision.delay()));
        }
        for (DeploymentEvent fact : decision.facts()) {
            steps.add(eventLog.append(session, UUID.randomUUID(), fact).replaceWithVoid());
            steps.add(project(session, deployment, fact, now));
        }
        if (ends && startNext) {
            steps.add(startNext(session, deployment));
        }
        return sequence(steps);
    }

    /** The app's oldest waiting deployment gets its turn, unless another of the app is still in flight. */
    private Uni<Void> startNext(Mutiny.Session session, Deployment ended) {
        return session.flush().chain(() -> AppQueue.unfinished(session, ended.app)).chain(unfinished -> {
            Deployment head = AppQueue.head(unfinished, ended.id);
            if (head == null) {
                return Uni.createFrom().voidItem();
            }
            DeploymentDequeued turn = new DeploymentDequeued(head.id, head.app, head.attempt, ended.id);
            return onTurn(session, head).chain(() -> eventLog.append(session, UUID.randomUUID(), turn))
                    .chain(() -> advance(session, turn));
        });
    }

    /**
     * Decides what a waiting deployment left to its turn ({@link Rebase}) from the release the app
     * serves now, and seals the app's config vars as they are now into it.
     */
    private Uni<Void> onTurn(Mutiny.Session session, Deployment head) {
        if (head.rebase == null) {
            return Uni.createFrom().voidItem();
        }
        Rebase rebase = head.rebase();
        return session.find(App.class, head.app)
                .chain(app -> app.currentDeployment == null ? Uni.createFrom().<Deployment>nullItem()
                        : session.find(Deployment.class, app.currentDeployment))
                .chain(serving -> {
                    if (serving == null) {
                        return Uni.createFrom().voidItem();
                    }
                    AppConfig own = head.config();
                    AppConfig base = own;
                    if (rebase.serving()) {
                        head.artifact = serving.artifact;
                        head.source = serving.source;
                        base = serving.config();
                    }
                    AppConfig decided = base.withFormation(rebase.serving()
                            ? Formations.of(serving, rebase.formation()) : Formations.servedBy(serving));
                    return ConfigVar.ofApp(session, head.app).invoke(vars -> head.config = EventCodec.encode(
                            decided.withSealedEnv(vars.stream().collect(Collectors.toMap(v -> v.key, v -> v.sealed)))));
                }).replaceWithVoid();
    }

    private static boolean redeploysServing(Deployment d) {
        return d.rebase != null && d.rebase().serving();
    }

    /** The app's row, locked for this transaction; null when there is no such app. */
    private static Uni<App> lockedApp(Mutiny.Session session, String app) {
        return session.find(App.class, app, LockMode.PESSIMISTIC_WRITE);
    }

    private static Uni<Void> sequence(List<Uni<Void>> steps) {
        return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> step)
                .collect().last().replaceWithVoid();
    }

    /** What a fact about the deployment as a whole changes in the projections. */
    private Uni<Void> project(Mutiny.Session session, Deployment deployment, DeploymentEvent fact, Instant now) {
        if (fact instanceof DeploymentFailed failed) {
            deployment.error = failed.stage() + ": " + failed.reason();
            return Uni.createFrom().voidItem();
        }
        if (fact instanceof DeploymentCancelled cancelled) {
            deployment.error = "cancelled: " + cancelled.reason();
            return Uni.createFrom().voidItem();
        }
        if (!(fact instanceof DeploymentSucceeded succeeded)) {
            return Uni.createFrom().voidItem();
        }
        deployment.release = succeeded.release();
        deployment.urls = EventCodec.encode(succeeded.urls());
        Release release = new Release();
        release.app = deployment.app;
        release.version = succeeded.release();
        release.deploymentId = deployment.id;
        release.createdAt = now;
        return session.persist(release)
                .chain(() -> session.find(App.class, deployment.app))
                .invoke(app -> app.currentDeployment = deployment.id)
                .replaceWithVoid();
    }

    private Uni<DeploymentSnapshot> snapshot(Mutiny.Session session, Deployment d) {
        // What the app serves now, not when this deployment was requested: that is what it replaces.
        Uni<Deployment> previous = session.find(App.class, d.app).chain(app ->
                app.currentDeployment == null || app.currentDeployment.equals(d.id) ? Uni.createFrom().nullItem()
                        : session.find(Deployment.class, app.currentDeployment));
        Uni<Integer> nextVersion = session.createQuery(
                        "select coalesce(max(r.version), 0) + 1 from Release r where r.app = :app", Integer.class)
                .setParameter("app", d.app)
                .getSingleResult();
        return previous.chain(p -> nextVersion.chain(version -> AppQueue.ahead(session, d).map(ahead -> {
            AppConfig config = d.config();
            List<String> domains = Stream.concat(Stream.of(d.app + "." + baseDomain), config.proxy().domains().stream())
                    .distinct().toList();
            DeploymentSnapshot.Previous replaced = p == null ? null
                    : new DeploymentSnapshot.Previous(p.releaseInfo(), p.artifact(), p.config());
            return new DeploymentSnapshot(d.id, d.app, d.state, d.attempt, config, Path.of(d.source),
                    d.artifact(), d.releaseInfo(), d.urls(), d.error,
                    replaced, domains, version, workers.subscribedPoints(), ahead);
        })));
    }
}
