package dev.slipway.workers.stage;

import dev.slipway.api.StageLog;
import dev.slipway.api.Strategy;
import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.api.event.StageEvent;
import dev.slipway.workers.isolation.Isolation;
import dev.slipway.workers.plugin.PluginRegistry;
import dev.slipway.workers.plugin.StagePlugins;
import dev.slipway.workers.storage.PluginServices;
import java.util.function.Function;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What every stage role uses: its inbox, the strategies, their environment, sandbox and stores, the
 * stage log and the facts.
 */
@ApplicationScoped
public class StageSupport {

    private final CommandInbox inbox;
    private final PluginRegistry plugins;
    private final StageEnvironment environment;
    private final StageLogs logs;
    private final Facts facts;
    private final Isolation isolation;
    private final PluginServices services;

    public StageSupport(CommandInbox inbox, PluginRegistry plugins, StageEnvironment environment, StageLogs logs,
                        Facts facts, Isolation isolation, PluginServices services) {
        this.isolation = isolation;
        this.services = services;
        this.inbox = inbox;
        this.plugins = plugins;
        this.environment = environment;
        this.logs = logs;
        this.facts = facts;
    }

    // Accessors, not fields: callers reach this bean through its client proxy, whose fields are empty.
    CommandInbox inbox() {
        return inbox;
    }

    PluginRegistry plugins() {
        return plugins;
    }

    /** The strategies a stage of {@code command} uses to its end: its deployment's pinned plugin versions among them. */
    StagePlugins plugins(Command command, StageLog log) {
        return plugins.forStage(command.pins(), log);
    }

    StageEnvironment environment() {
        return environment;
    }

    StageLogs.MaskedLog log(SlipwayEvent command, String stage) {
        return logs.of(command, stage);
    }

    /** A line of a release's runtime log, see {@link StageLogs#processLine}. */
    void processLine(DeployRequested release, String process, String masked) {
        logs.processLine(release, process, masked);
    }

    Isolation isolation() {
        return isolation;
    }

    /** The storage and metadata of {@code strategy}'s plugin, for its context in a stage of {@code command}. */
    PluginServices.Stores stores(Strategy strategy, SlipwayEvent command) {
        return services.of(strategy, command.deploymentId());
    }

    void report(StageEvent fact) {
        facts.publish(fact);
    }

    /**
     * Tells the user why the stage failed, then the orchestrator. The reason often quotes the app's
     * own output, so it is masked before it becomes an event.
     */
    void fail(StageLogs.MaskedLog log, String stage, String reason, boolean retryable,
              Function<String, StageEvent> failure) {
        // A cancelled stage fails with its thread interrupted (StageCancels): the report and the clean-up
        // after it (closing the build tree, which reads files through interruptible channels) must still run.
        Thread.interrupted();
        String masked = log.mask().mask(reason);
        log.line(stage + " failed" + (retryable ? " (retryable: it may be issued again)" : "") + ": " + masked);
        facts.publish(failure.apply(masked));
    }
}
