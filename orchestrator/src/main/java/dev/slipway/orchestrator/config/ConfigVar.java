package dev.slipway.orchestrator.config;

import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * Makes the app's vars exactly {@code sealed} (key to sealed value, as a release keeps them): the
     * others are removed. Returns the vars as they now are, by key.
     */
    public static Uni<List<ConfigVar>> replaceAll(Mutiny.Session session, String app, Map<String, String> sealed,
                                                  Instant now) {
        return ofApp(session, app).chain(existing -> {
            Map<String, String> wanted = new TreeMap<>(sealed);
            List<ConfigVar> kept = new ArrayList<>();
            Uni<Void> done = Uni.createFrom().voidItem();
            for (ConfigVar var : existing) {
                String value = wanted.remove(var.key);
                if (value == null) {
                    done = done.call(() -> session.remove(var));
                    continue;
                }
                if (!value.equals(var.sealed)) {
                    var.sealed = value;
                    var.updatedAt = now;
                }
                kept.add(var);
            }
            for (Map.Entry<String, String> entry : wanted.entrySet()) {
                ConfigVar var = new ConfigVar();
                var.app = app;
                var.key = entry.getKey();
                var.sealed = entry.getValue();
                var.updatedAt = now;
                kept.add(var);
                done = done.call(() -> session.persist(var));
            }
            kept.sort(Comparator.comparing(v -> v.key));
            return done.replaceWith(kept);
        });
    }

    @Id
    public String app;

    @Id
    public String key;

    public String sealed;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
