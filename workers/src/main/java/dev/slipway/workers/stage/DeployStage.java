package dev.slipway.workers.stage;

import dev.slipway.api.Deployer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.HookPoints;
import dev.slipway.api.StageException;
import dev.slipway.api.StrategySelector;
import dev.slipway.api.event.DeployFailed;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.DeployStarted;
import dev.slipway.api.event.Deployed;
import dev.slipway.api.event.CleanupRequested;
import dev.slipway.api.event.StopRequested;
import dev.slipway.api.event.LogLine;
import dev.slipway.api.event.Stopped;
import dev.slipway.workers.isolation.Isolation;
import dev.slipway.workers.plugin.StagePlugins;
import dev.slipway.workers.supervise.ReleaseMonitor;
import dev.slipway.workers.supervise.RunningReleases;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** The deploy role: starts releases with the chosen deployer, and stops them. */
@ApplicationScoped
public class DeployStage {

    private static final Logger LOG = Logger.getLogger(DeployStage.class);

    private static final String PRE_STOP = HookPoints.PRE_STOP;

    private final StageSupport stages;
    private final HookRunner hooks;
    private final AppFiles files;
    private final RunningReleases running;
    private final Facts facts;
    private final WorkerIdentity identity;

    public DeployStage(StageSupport stages, HookRunner hooks, AppFiles files, RunningReleases running, Facts facts,
                       WorkerIdentity identity) {
        this.files = files;
        this.stages = stages;
        this.hooks = hooks;
        this.running = running;
        this.facts = facts;
        this.identity = identity;
    }

    @Incoming("deploy")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return stages.inbox().handle(message, command -> {
            if (command instanceof DeployRequested deploy) {
                deploy(deploy);
            } else if (command instanceof StopRequested stop) {
                stop(stop);
            } else if (command instanceof CleanupRequested cleanup) {
                cleanUp(cleanup);
            }
        });
    }

    void deploy(DeployRequested command) {
        StageLogs.MaskedLog log = stages.log(command, "deploy");
        Path workDir = releaseDir(command.app(), command.deploymentId().toString())
                .resolve(Integer.toString(command.attempt()));
        try (StagePlugins plugins = stages.plugins(command, log)) {
            StrategySelector.Selection<Deployer> chosen = plugins.select("deployer", plugins.deployers(),
                    command.config().deploy().strategy(), deployer -> deployer.accept(command.artifact()),
                    "a " + command.artifact().kind() + " artifact", log);
            Deployer deployer = chosen.strategy();
            log.line("deployer " + deployer.name() + ": " + chosen.reason());
            stages.report(new DeployStarted(command.deploymentId(), command.app(), command.attempt(), deployer.name(),
                    chosen.reason(), plugins.used(deployer)));
            Workspace.recreate(workDir);
            stages.isolation().releaseDir(workDir);
            if (!running.claim(workDir)) {
                throw new StageException("another worker of this host looks after " + workDir + " already");
            }
            DeploymentInfo release = deployer.deploy(context(command, deployer, plugins, workDir, log));
            running.record(workDir, command, release);
            stages.report(new Deployed(command.deploymentId(), command.app(), command.attempt(), release));
        } catch (StageException e) {
            running.release(workDir);
            fail(command, log, e.getMessage(), e.retryable());
        } catch (IOException e) {
            running.release(workDir);
            // This host's disk, not the app: another attempt may do.
            fail(command, log, "cannot prepare the release directory: " + e.getMessage(), true);
        } catch (RuntimeException e) {
            running.release(workDir);
            fail(command, log, "the deployer failed unexpectedly: " + e, false);
        }
    }

    /** A release no worker supervised any more (its worker stopped): back to its deployer, under this worker's care. */
    public void adopt(RunningReleases.Record record) {
        DeployRequested command = record.command();
        StageLogs.MaskedLog log = stages.log(command, LogLine.RUN);
        try (StagePlugins plugins = stages.plugins(command, log)) {
            Deployer deployer = plugins.deployers().stream()
                    .filter(d -> d.name().equals(record.release().deployer())).findFirst().orElse(null);
            if (deployer == null) {
                throw new StageException("deployer \"" + record.release().deployer() + "\" is not known to this worker");
            }
            plugins.check(deployer);
            deployer.adopt(record.release(), context(command, deployer, plugins, record.workDir(), log));
        } catch (StageException | RuntimeException e) {
            // Let go of it: this worker, or another, tries again at the next round.
            LOG.errorf("release %s of %s could not be taken over: %s", record.release().releaseId(), command.app(),
                    e.getMessage());
            running.release(record.workDir());
        }
    }

    /** The deploy context of a release: its sandbox, and a monitor that reports its processes as facts. */
    private StageContexts.Deploy context(DeployRequested command, Deployer deployer, StagePlugins plugins, Path workDir,
                                         StageLogs.MaskedLog log) throws StageException {
        Isolation.AppBox box = stages.isolation().prepare(command.app(), command.config(), Isolation.RUN, true,
                log.mask());
        StageLogs.MaskedLog runLog = stages.log(command, LogLine.RUN);
        return new StageContexts.Deploy(command.app(), command.deploymentId(), workDir,
                stages.environment().env(command.app(), command.config(), box), log,
                plugins.settings(deployer), stages.stores(deployer, command), box.sandbox(), command.artifact(),
                command.config(), new ReleaseMonitor(facts, command, identity.name(), runLog.mask(), runLog,
                        (process, masked) -> stages.processLine(command, process, masked)));
    }

    void stop(StopRequested command) {
        DeploymentInfo release = command.release();
        StageLogs.MaskedLog log = stages.log(command, "stop");
        log.line("stopping release " + release.releaseId() + ": " + command.reason());
        try (StagePlugins plugins = stages.plugins(command, log)) {
            preStop(command, plugins, log);
            Deployer deployer = plugins.deployers().stream().filter(d -> d.name().equals(release.deployer()))
                    .findFirst().orElse(null);
            if (deployer == null) {
                throw new StageException("deployer \"" + release.deployer() + "\" is not known to this worker; known: "
                        + StrategySelector.names(plugins.deployers()));
            }
            plugins.check(deployer);
            deployer.stop(release, new StageContexts.Plain(command.app(), command.deploymentId(),
                    releaseDir(release.app(), release.releaseId()), Map.of(), log,
                    plugins.settings(deployer), stages.stores(deployer, command)));
            running.forget(release.app(), release.releaseId());
            stages.report(new Stopped(command.deploymentId(), command.app(), command.attempt(), release.releaseId()));
        } catch (StageException | RuntimeException e) {
            LOG.errorf("release %s of %s could not be stopped: %s", release.releaseId(), release.app(), e.getMessage());
            log.line("stop failed: " + e.getMessage());
        }
    }

    /** Removes what the orchestrator says is no longer needed; nobody waits for an answer, so failures are logged. */
    void cleanUp(CleanupRequested command) {
        StageLogs.MaskedLog log = stages.log(command, "cleanup");
        try {
            if (command.appDeleted()) {
                // Its processes first: nothing of the app may change its files while root removes them.
                stages.isolation().stopAll(command.app());
                files.destroyed(command.app());
                stages.isolation().removeUser(command.app());
                log.line("files and OS user of deleted app " + command.app() + " removed");
            } else {
                if (!command.deployments().isEmpty()) {
                    files.removeDeployments(command.app(), command.deployments());
                    log.line("files of " + command.deployments().size() + " deployments of " + command.app()
                            + " past retention removed");
                }
                for (String path : command.storage()) {
                    stages.isolation().removeStorage(command.app(), path);
                    log.line("persistent storage " + path + " of " + command.app() + " removed");
                }
            }
        } catch (IOException | StageException | RuntimeException e) {
            LOG.errorf("files of %s could not be removed: %s", command.app(), e.getMessage());
        }
    }

    /** The pre_stop subscribers (the release's own hook among them); a failing one is reported and the stop goes on. */
    private void preStop(StopRequested command, StagePlugins plugins, StageLogs.MaskedLog log) {
        if (command.artifact() == null) {
            return;
        }
        try {
            HookSubscribers.Outcome outcome = hooks.run(new HookRunner.Call(PRE_STOP, command, command.release(),
                    command.artifact(), command.config(), List.of()), plugins, log);
            if (outcome.failed()) {
                log.line(PRE_STOP + " failed, stopping anyway: " + outcome.reason());
            }
        } catch (StageException | RuntimeException e) {
            log.line(PRE_STOP + " failed, stopping anyway: " + e.getMessage());
        }
    }

    private Path releaseDir(String app, String releaseId) {
        return stages.environment().home("releases", app, releaseId);
    }

    private void fail(DeployRequested command, StageLogs.MaskedLog log, String reason, boolean retryable) {
        stages.fail(log, "deploy", reason, retryable, masked -> new DeployFailed(command.deploymentId(), command.app(),
                command.attempt(), masked, retryable));
    }
}
