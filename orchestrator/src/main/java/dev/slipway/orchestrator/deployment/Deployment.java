package dev.slipway.orchestrator.deployment;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.deployment.pipeline.Rebase;
import dev.slipway.orchestrator.workflow.DeploymentState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The deployments projection. JSON columns hold plugin-api records, encoded with the event codec;
 * read them through the typed accessors, which decode them (null when the column is).
 */
@Entity
@Table(name = "deployments")
public class Deployment {

    @Id
    public UUID id;

    public String app;

    /** The app's requests in order, from 1: the queue's order. */
    @Column(name = "request_number")
    public long requestNumber;

    @Enumerated(EnumType.STRING)
    public DeploymentState state;

    public int attempt;

    public String source;

    public String config;

    @Column(name = "release_info")
    public String releaseInfo;

    /** BuildArtifact as JSON, once built. */
    public String artifact;

    /** When the running stage's attempt is overdue; null when no stage runs. */
    @Column(name = "stage_deadline")
    public Instant stageDeadline;

    public Integer release;

    public String urls;

    public String error;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The plugins it keeps, name → checksum, as JSON: installed_plugins when it was accepted; null from before pins. */
    @Column(name = "plugin_pins")
    public String pluginPins;

    /** What is decided on its turn, as JSON ({@link Rebase}); null when all was decided at its request. */
    public String rebase;

    /** When retention asked for its files to be removed; null while they are kept. */
    @Column(name = "pruned_at")
    public Instant prunedAt;

    public AppConfig config() {
        return EventCodec.readStored(config, new TypeReference<>() { });
    }

    public BuildArtifact artifact() {
        return EventCodec.readStored(artifact, new TypeReference<>() { });
    }

    public DeploymentInfo releaseInfo() {
        return EventCodec.readStored(releaseInfo, new TypeReference<>() { });
    }

    /** Its URLs once proxied; empty before. */
    public List<String> urls() {
        return urls == null ? List.of() : EventCodec.readStored(urls, new TypeReference<>() { });
    }

    public Map<String, String> pluginPins() {
        return EventCodec.readStored(pluginPins, new TypeReference<>() { });
    }

    public Rebase rebase() {
        return EventCodec.readStored(rebase, new TypeReference<>() { });
    }
}
