package dev.slipway.orchestrator.process;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.api.config.AppConfig;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import io.smallrye.mutiny.Uni;
import java.util.Map;
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
            return Uni.createFrom().item(config.withFormation(Map.of()));
        }
        return session.find(Deployment.class, app.currentDeployment).map(current -> {
            AppConfig serving = current == null ? null : EventCodec.readStored(current.config, new TypeReference<>() { });
            return config.withFormation(serving == null || serving.formation() == null ? Map.of() : serving.formation());
        });
    }
}
