package dev.slipway.orchestrator.eventlog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of the event log: one fact, at its position. Appended only, never changed. */
@Entity
@Table(name = "event_log")
public class LoggedEvent {

    @Id
    public long position;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "deployment_id")
    public UUID deploymentId;

    public String app;

    public String type;

    public String payload;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
