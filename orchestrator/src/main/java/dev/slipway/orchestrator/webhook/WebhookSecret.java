package dev.slipway.orchestrator.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An app's own webhook secret, sealed: HMAC needs it in clear, so it cannot be a hash. */
@Entity
@Table(name = "webhook_secrets")
public class WebhookSecret {

    @Id
    public String app;

    public String sealed;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
