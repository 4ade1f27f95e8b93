package dev.slipway.orchestrator.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "apps")
public class App {

    @Id
    public String name;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The deployment whose release the app serves now. */
    @Column(name = "current_deployment")
    public UUID currentDeployment;

    protected App() {
    }

    public App(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }
}
