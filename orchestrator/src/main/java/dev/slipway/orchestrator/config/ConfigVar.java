package dev.slipway.orchestrator.config;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One config var of an app; its value only ever sealed. */
@Entity
@Table(name = "app_config")
@IdClass(ConfigVar.Key.class)
public class ConfigVar {

    public record Key(String app, String key) implements Serializable {
    }

    @Id
    public String app;

    @Id
    public String key;

    public String sealed;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
