package dev.slipway.orchestrator.deployment.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A numbered release of an app: a deployment that succeeded. */
@Entity
@Table(name = "releases")
@IdClass(Release.Key.class)
public class Release {

    public record Key(String app, int version) implements Serializable {
    }

    @Id
    public String app;

    @Id
    public int version;

    @Column(name = "deployment_id")
    public UUID deploymentId;

    @Column(name = "created_at")
    public Instant createdAt;
}
