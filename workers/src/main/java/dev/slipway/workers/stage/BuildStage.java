package dev.slipway.workers.stage;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Builder;
import dev.slipway.api.Commands;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.OsRelease;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.StrategySelector;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildFailed;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.BuildStarted;
import dev.slipway.api.event.Built;
import dev.slipway.archive.ArchiveException;
import dev.slipway.archive.Limits;
import dev.slipway.archive.SourceArchive;
import dev.slipway.workers.WorkerConfig;
import dev.slipway.workers.isolation.Isolation;
import dev.slipway.workers.plugin.StagePlugins;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** The build role: unpacks the source, picks a builder, builds, and reports the artifact. */
@ApplicationScoped
public class BuildStage {

    private static final Logger LOG = Logger.getLogger(BuildStage.class);
    /** One before-build or after-build command; the whole stage has the orchestrator's build timeout too. */
    private static final Duration APP_COMMAND_TIMEOUT = Duration.ofMinutes(15);
    /** This host's operating system, read once: it does not change under a running worker. */
    private static final OsRelease OS = OsRelease.ofHost();

    private final StageSupport stages;
    private final boolean installMissing;

    public BuildStage(StageSupport stages, WorkerConfig config) {
        this.stages = stages;
        this.installMissing = config.toolchains().installMissing();
    }

    @Incoming("build")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return stages.inbox().handle(message, command -> {
            if (command instanceof BuildRequested build) {
                build(build);
            }
        });
    }

    void build(BuildRequested command) {
        StageLogs.MaskedLog log = stages.log(command, "build");
        // One directory per attempt: a retried build never shares one with a slow earlier attempt.
        Path workDir = stages.environment().home("builds", command.app(), command.deploymentId().toString(),
                Integer.toString(command.attempt()));
        Isolation.AppBox box = null;
        StagePlugins plugins = stages.plugins(command, log);
        try {
            box = stages.isolation().prepare(command.app(), command.config(),
                    Isolation.buildGroup(command.deploymentId(), command.attempt()), false, log.mask());
            stages.isolation().closeTree(box, workDir);
            Workspace.recreate(workDir);
            SourceArchive.extract(command.source(), workDir, Limits.DEFAULT);
            stages.isolation().handOver(box, workDir);
            SourceTree tree = new SourceTree(workDir, command.config());
            StrategySelector.Selection<Builder> chosen = plugins.select("builder", plugins.builders(),
                    command.config().build().strategy(), builder -> builder.accept(tree), "the source tree", log);
            Builder builder = chosen.strategy();
            log.line("builder " + builder.name() + ": " + chosen.reason());
            stages.report(new BuildStarted(command.deploymentId(), command.app(), command.attempt(), builder.name(),
                    chosen.reason(), plugins.used(builder)));
            Map<String, String> env = stages.environment().env(command.app(), command.config(), box);
            AppConfig.Build declared = command.config().build();
            appCommands("before-build", declared.beforeBuild(), workDir, env, box, log);
            BuildArtifact artifact = builder.build(new StageContexts.Build(command.app(), command.deploymentId(), workDir,
                    env, log, plugins.settings(builder), stages.stores(builder, command), box.sandbox(), tree,
                    toolchains(command, plugins), new HostPrograms(plugins.osSupports(), OS, installMissing)));
            appCommands("after-build", declared.afterBuild(), artifact.root(), artifact.runtimeEnv(env), box, log);
            stages.isolation().seal(command.app(), box, workDir);
            stages.isolation().linkStorage(command.app(), command.config().storage(), box.user(), workDir, log);
            box = null;
            stages.report(new Built(command.deploymentId(), command.app(), command.attempt(), artifact));
        } catch (StageException e) {
            fail(command, log, e.getMessage(), e.retryable());
        } catch (ArchiveException e) {
            fail(command, log, "source archive refused: " + e.getMessage(), false);
        } catch (IOException e) {
            // This host's disk, not the app: another attempt, maybe on another worker, may do.
            fail(command, log, "cannot prepare the build directory: " + e.getMessage(), true);
        } catch (RuntimeException e) {
            fail(command, log, "the builder failed unexpectedly: " + e, false);
        } finally {
            if (box != null) {
                sealQuietly(command, box, workDir);
            }
            plugins.close();
        }
    }

    /**
     * The app's own {@code [build] before-build} / {@code after-build} command lines, whatever the
     * builder: by {@code /bin/sh -c} as a Procfile's, in the app's box; after-build in the built tree with
     * the environment the release will have. A failing one fails the build.
     */
    private static void appCommands(String what, List<String> commands, Path dir, Map<String, String> env,
                                    Isolation.AppBox box, StageLog log) throws StageException {
        for (String command : commands) {
            log.line(what + ": " + command);
            Commands.run(box.sandbox(), List.of("/bin/sh", "-c", command), dir, env, log, APP_COMMAND_TIMEOUT);
        }
    }

    /** The toolchains a builder may call, each with its own plugin's stores. */
    private List<LanguageToolchain> toolchains(BuildRequested command, StagePlugins plugins) {
        return plugins.toolchains().stream()
                .<LanguageToolchain>map(toolchain -> new OwnStoresToolchain(toolchain, stages.stores(toolchain, command)))
                .toList();
    }

    /** A failed build leaves nothing running either. */
    private void sealQuietly(BuildRequested command, Isolation.AppBox box, Path workDir) {
        try {
            stages.isolation().seal(command.app(), box, workDir);
        } catch (StageException e) {
            LOG.warnf("the failed build of %s could not be sealed: %s", command.app(), e.getMessage());
        }
    }

    private void fail(BuildRequested command, StageLogs.MaskedLog log, String reason, boolean retryable) {
        stages.fail(log, "build", reason, retryable, masked -> new BuildFailed(command.deploymentId(), command.app(),
                command.attempt(), masked, retryable));
    }
}
