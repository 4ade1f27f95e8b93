package dev.slipway.orchestrator.process;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One process of a release ({@code web.1}) as its worker last reported it. */
@Entity
@Table(name = "processes")
@IdClass(AppProcess.Key.class)
public class AppProcess {

    public record Key(UUID deploymentId, String process, int instance) implements Serializable {
    }

    /** What a process is doing, as {@code slip ps} shows it. */
    public enum State { UP, RESTARTING, CRASHED, STOPPED }

    @Id
    @Column(name = "deployment_id")
    public UUID deploymentId;

    @Id
    public String process;

    @Id
    public int instance;

    public String app;

    public String state;

    public Long pid;

    public Integer port;

    @Column(name = "started_at")
    public Instant startedAt;

    public int restarts;

    @Column(name = "exit_code")
    public Integer exitCode;

    public String worker;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
