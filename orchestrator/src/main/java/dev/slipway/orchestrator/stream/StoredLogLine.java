package dev.slipway.orchestrator.stream;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A stage log line as kept for replay; position is its SSE id. Lines of stage {@code run} are the
 * app's runtime log: {@code process} ({@code web.1}) says which process printed it, none that the
 * host said it.
 */
@Entity
@Table(name = "log_lines")
public class StoredLogLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long position;

    @Column(name = "deployment_id")
    public UUID deploymentId;

    public String stage;

    @Column(name = "logged_at")
    public Instant loggedAt;

    public String text;

    public String app;

    public String process;
}
