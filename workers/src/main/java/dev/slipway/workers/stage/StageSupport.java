package dev.slipway.workers.stage;

import dev.slipway.api.StageLog;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.api.event.StageEvent;
import dev.slipway.workers.plugin.PluginRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** What every stage role uses: its inbox, the strategies, their environment, the stage log and the facts. */
@ApplicationScoped
public class StageSupport {

    private final CommandInbox inbox;
    private final PluginRegistry plugins;
    private final StageEnvironment environment;
    private final StageLogs logs;
    private final Facts facts;

    public StageSupport(CommandInbox inbox, PluginRegistry plugins, StageEnvironment environment, StageLogs logs,
                        Facts facts) {
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

    StageEnvironment environment() {
        return environment;
    }

    StageLog log(SlipwayEvent command, String stage) {
        return logs.of(command, stage);
    }

    void report(StageEvent fact) {
        facts.publish(fact);
    }

    /** Tells the user why the stage failed, then the orchestrator. */
    void fail(StageLog log, String stage, String reason, StageEvent failure) {
        log.line(stage + " failed: " + reason);
        facts.publish(failure);
    }
}
