package dev.slipway.orchestrator.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A command waiting to be published, written in the same transaction as the fact it follows. */
@Entity
@Table(name = "outbox")
public class OutboxMessage {

    /** Also the message's CloudEvents id: consumers are idempotent on it. */
    @Id
    public UUID id;

    /** Publication order. */
    @Column(insertable = false, updatable = false)
    public long position;

    public String topic;

    @Column(name = "message_key")
    public String key;

    public String type;

    public String payload;

    /** The deployment the command serves, so that a cancel can drop its unsent stage requests. */
    @Column(name = "deployment_id")
    public UUID deploymentId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Not published before then: a retried stage's back-off. */
    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "published_at")
    public Instant publishedAt;
}
