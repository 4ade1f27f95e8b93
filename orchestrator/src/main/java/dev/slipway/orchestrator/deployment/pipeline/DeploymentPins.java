package dev.slipway.orchestrator.deployment.pipeline;

import dev.slipway.api.event.Command;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.deployment.Deployment;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The plugin versions a deployment keeps: the plugins installed through the API when it was
 * accepted, by name and the checksum workers announce for them. Every stage command of the
 * deployment carries them, so a plugin replaced while it runs does not change its later stages.
 * Plugins put into a worker's plugins directory by hand and the built-in ones are not pinned.
 */
final class DeploymentPins {

    private DeploymentPins() {
    }

    /** What is installed now, read in the transaction that records the deployment. */
    static Uni<String> installed(Mutiny.Session session) {
        return session.createNativeQuery("select name, announced_checksum from installed_plugins where not removed",
                        Object[].class)
                .getResultList()
                .map(DeploymentPins::encode);
    }

    private static String encode(List<Object[]> rows) {
        Map<String, String> pins = new TreeMap<>();
        for (Object[] row : rows) {
            pins.put((String) row[0], ((String) row[1]).strip());
        }
        return EventCodec.encode(pins);
    }

    /** {@code command} with its deployment's pins; a deployment from before pins has none. */
    static Command apply(Deployment deployment, Command command) {
        Map<String, String> pins = deployment.pluginPins();
        return pins == null ? command : command.pinned(pins);
    }
}
