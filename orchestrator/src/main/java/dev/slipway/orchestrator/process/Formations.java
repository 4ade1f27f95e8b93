package dev.slipway.orchestrator.process;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.config.AppConfig;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The formation is part of a release: a deployment that does not say one (new code, as on Heroku)
 * keeps the formation of the release the app serves, and then records it, so that a rollback to
 * it, or a config change, brings the same formation back.
 */
public final class Formations {

    private Formations() {
    }

    /** {@code config} with its formation decided: its own, else the current release's, else one of each type. */
    public static Uni<AppConfig> resolve(Mutiny.Session session, App app, AppConfig config) {
        if (config.formation() != null) {
            return Uni.createFrom().item(config);
        }
        if (app.currentDeployment == null) {
            // The first release: what the app declares (app.json's formation), else one of each type.
            Map<String, Integer> declared = config.declared().formation();
            return Uni.createFrom().item(config.withFormation(declared == null ? Map.of() : declared));
        }
        return session.find(Deployment.class, app.currentDeployment)
                .map(current -> config.withFormation(current == null ? Map.of() : servedBy(current)));
    }

    /** The formation {@code release} runs with; empty (one of each type) for a release from before formations. */
    public static Map<String, Integer> servedBy(Deployment release) {
        AppConfig config = release.config();
        return config.formation() == null ? Map.of() : config.formation();
    }

    /**
     * Every process type of {@code release}'s build with its count, then {@code changes} over them
     * (a change naming a type the build does not have is left out: the build may have changed since
     * it was asked for).
     */
    public static Map<String, Integer> of(Deployment release, Map<String, Integer> changes) {
        BuildArtifact artifact = release.artifact();
        Map<String, Integer> formation = servedBy(release);
        Map<String, Integer> counts = new TreeMap<>();
        if (artifact != null) {
            artifact.processes().keySet().stream().filter(type -> !type.equals("release"))
                    .forEach(type -> counts.put(type, formation.getOrDefault(type, 1)));
        }
        changes.forEach((type, count) -> {
            if (counts.containsKey(type)) {
                counts.put(type, count);
            }
        });
        return counts;
    }
}
