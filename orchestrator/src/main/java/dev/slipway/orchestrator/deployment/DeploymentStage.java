package dev.slipway.orchestrator.deployment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One stage (build, deploy, proxy) of a deployment: who did it, when, and how it ended. */
@Entity
@Table(name = "deployment_stages")
@IdClass(DeploymentStage.Key.class)
public class DeploymentStage {

    public record Key(UUID deploymentId, String stage) implements Serializable {
    }

    @Id
    @Column(name = "deployment_id")
    public UUID deploymentId;

    @Id
    public String stage;

    public int attempt;

    /** RUNNING, SUCCEEDED, FAILED or CANCELLED. */
    public String state;

    public String strategy;

    public String reason;

    public String error;

    /** The plugin versions its worker used ({@code PluginVersion}s as JSON); null when none was said. */
    public String plugins;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
