package dev.slipway.orchestrator.config;

import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** One config var of an app; its value only ever sealed. */
@Entity
@Table(name = "app_config")
@IdClass(ConfigVar.Key.class)
public class ConfigVar {

    public record Key(String app, String key) implements Serializable {
    }

    /** The app's vars, by key. */
    public static Uni<List<ConfigVar>> ofApp(Mutiny.Session session, String app) {
        return session.createQuery("from ConfigVar where app = :app order by key", ConfigVar.class)
                .setParameter("app", app).getResultList();
    }

    @Id
    public String app;

    @Id
    public String key;

    public String sealed;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
