package dev.slipway.workers.stage;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Builder;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.StrategySelector;
import dev.slipway.api.event.BuildFailed;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.BuildStarted;
import dev.slipway.api.event.Built;
import dev.slipway.archive.ArchiveException;
import dev.slipway.archive.Limits;
import dev.slipway.archive.SourceArchive;
import dev.slipway.workers.plugin.PluginRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The build role: unpacks the source, picks a builder, builds, and reports the artifact. */
@ApplicationScoped
public class BuildStage {

    private final CommandInbox inbox;
    private final PluginRegistry plugins;
    private final StageEnvironment environment;
    private final StageLogs logs;
    private final Facts facts;

    public BuildStage(CommandInbox inbox, PluginRegistry plugins, StageEnvironment environment, StageLogs logs,
                      Facts facts) {
        this.inbox = inbox;
        this.plugins = plugins;
        this.environment = environment;
        this.logs = logs;
        this.facts = facts;
    }

    @Incoming("build")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.handle(message, command -> {
            if (command instanceof BuildRequested build) {
                build(build);
            }
        });
    }

    void build(BuildRequested command) {
        StageLog log = logs.of(command, "build");
        try {
            Path workDir = environment.home("builds", command.app(), command.deploymentId().toString());
            Workspace.recreate(workDir);
            SourceArchive.extract(command.source(), workDir, Limits.DEFAULT);
            SourceTree tree = new SourceTree(workDir, command.config());
            StrategySelector.Selection<Builder> chosen = StrategySelector.select("builder", plugins.builders(),
                    command.config().build().strategy(), builder -> builder.accept(tree), "the source tree", log);
            Builder builder = chosen.strategy();
            log.line("builder " + builder.name() + ": " + chosen.reason());
            facts.publish(new BuildStarted(command.deploymentId(), command.app(), command.attempt(), builder.name(),
                    chosen.reason()));
            BuildArtifact artifact = builder.build(new StageContexts.Build(command.app(), command.deploymentId(), workDir,
                    environment.env(command.config().env()), log, environment.settings(builder.name()), tree,
                    plugins.toolchains()));
            facts.publish(new Built(command.deploymentId(), command.app(), command.attempt(), artifact));
        } catch (StageException e) {
            fail(command, log, e.getMessage());
        } catch (ArchiveException e) {
            fail(command, log, "source archive refused: " + e.getMessage());
        } catch (IOException e) {
            fail(command, log, "cannot prepare the build directory: " + e.getMessage());
        } catch (RuntimeException e) {
            fail(command, log, "the builder failed unexpectedly: " + e);
        }
    }

    private void fail(BuildRequested command, StageLog log, String reason) {
        log.line("build failed: " + reason);
        facts.publish(new BuildFailed(command.deploymentId(), command.app(), command.attempt(), reason));
    }
}
