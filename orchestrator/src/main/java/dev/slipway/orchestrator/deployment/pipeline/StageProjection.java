package dev.slipway.orchestrator.deployment.pipeline;

import dev.slipway.api.event.BuildFailed;
import dev.slipway.api.event.BuildStarted;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.DeployFailed;
import dev.slipway.api.event.DeployStarted;
import dev.slipway.api.event.HookCompleted;
import dev.slipway.api.event.HookFailed;
import dev.slipway.api.event.PluginVersion;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.ProxyStarted;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.deployment.DeploymentStage;
import dev.slipway.orchestrator.workflow.Stage;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Folds a worker's fact into the row of the stage it belongs to. */
final class StageProjection {

    private StageProjection() {
    }

    /** The row a fact belongs to: its stage, or for hooks the hook point. */
    static String rowOf(SlipwayEvent event) {
        if (event instanceof HookCompleted completed) {
            return completed.hook();
        }
        if (event instanceof HookFailed failed) {
            return failed.hook();
        }
        Stage stage = Stage.of(event);
        return stage == null ? null : stage.wire();
    }

    /** @param stage the row's name: {@link #rowOf}, or "rollback" for the proxy facts of a rollback */
    static Uni<Void> apply(Mutiny.Session session, SlipwayEvent event, String stage, Instant now) {
        if (stage == null) {
            return Uni.createFrom().voidItem();
        }
        return session.find(DeploymentStage.class, new DeploymentStage.Key(event.deploymentId(), stage))
                .chain(existing -> {
                    DeploymentStage row = existing != null ? existing : started(event, stage, now);
                    fold(row, event, now);
                    return existing != null ? Uni.createFrom().voidItem() : session.persist(row);
                });
    }

    /** The stage a cancelled deployment was running ends as CANCELLED; a row nobody started yet is left out. */
    static Uni<Void> cancelled(Mutiny.Session session, java.util.UUID deploymentId, String stage, Instant now) {
        if (stage == null) {
            return Uni.createFrom().voidItem();
        }
        return session.find(DeploymentStage.class, new DeploymentStage.Key(deploymentId, stage)).invoke(row -> {
            if (row != null && "RUNNING".equals(row.state)) {
                row.state = "CANCELLED";
                row.finishedAt = now;
            }
        }).replaceWithVoid();
    }

    private static DeploymentStage started(SlipwayEvent event, String stage, Instant now) {
        DeploymentStage row = new DeploymentStage();
        row.deploymentId = event.deploymentId();
        row.stage = stage;
        row.startedAt = now;
        return row;
    }

    private static void fold(DeploymentStage row, SlipwayEvent event, Instant now) {
        row.attempt = event.attempt();
        row.state = "RUNNING";
        if (event instanceof BuildStarted started) {
            choose(row, started.strategy(), started.reason(), started.plugin());
        } else if (event instanceof DeployStarted started) {
            choose(row, started.strategy(), started.reason(), started.plugin());
        } else if (event instanceof ProxyStarted started) {
            choose(row, started.strategy(), started.reason(), started.plugin());
        } else if (event instanceof BuildFailed failed) {
            finish(row, now, failed.reason());
        } else if (event instanceof DeployFailed failed) {
            finish(row, now, failed.reason());
        } else if (event instanceof ProxyFailed failed) {
            finish(row, now, failed.reason());
        } else if (event instanceof HookFailed failed) {
            row.plugins = EventCodec.encode(failed.plugins());
            finish(row, now, failed.reason());
        } else {
            if (event instanceof HookCompleted completed) {
                row.plugins = EventCodec.encode(completed.plugins());
            }
            if (event instanceof Built built) {
                row.strategy = built.artifact().builder() + "/" + built.artifact().toolchain();
            }
            finish(row, now, null);
        }
    }

    private static void choose(DeploymentStage row, String strategy, String reason, PluginVersion plugin) {
        row.strategy = strategy;
        row.reason = reason;
        row.plugins = plugin == null ? null : EventCodec.encode(List.of(plugin));
    }

    private static void finish(DeploymentStage row, Instant now, String error) {
        row.state = error == null ? "SUCCEEDED" : "FAILED";
        row.error = error;
        row.finishedAt = now;
    }
}
