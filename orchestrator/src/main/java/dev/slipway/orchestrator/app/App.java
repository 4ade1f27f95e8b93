package dev.slipway.orchestrator.app;

import dev.slipway.api.config.Names;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.workflow.DeployOrder;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

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

    /** What a new deployment request does to the app's deployments still waiting. */
    @Enumerated(EnumType.STRING)
    @Column(name = "deploy_order")
    public DeployOrder deployOrder = DeployOrder.QUEUE;

    /** The app named {@code name}, or a 404 answer saying it does not exist. */
    public static Uni<App> existing(Mutiny.Session session, String name) {
        return session.find(App.class, name)
                .onItem().ifNull().failWith(() -> Refused.notFound("app \"" + Names.printable(name) + "\""));
    }

    /**
     * The deployment id a command about the app as a whole carries (keyed, logged and deduplicated
     * by it): the serving deployment's, or a fresh one before there is any.
     */
    public UUID commandId() {
        return currentDeployment == null ? UUID.randomUUID() : currentDeployment;
    }

    protected App() {
    }

    public App(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }
}
