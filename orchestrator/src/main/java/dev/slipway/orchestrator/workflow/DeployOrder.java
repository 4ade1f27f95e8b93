package dev.slipway.orchestrator.workflow;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a new deployment request of an app does to the app's deployments still waiting: a setting of
 * the app (not of {@code slipway.toml}, which is read only when a deployment is built, too late to
 * decide whether it waits).
 */
public enum DeployOrder {
    /** It waits behind them: every request runs, in request order. */
    QUEUE,
    /** They are cancelled: only the running one and the newest request run. */
    SUPERSEDE;

    /** As the API and CLI spell it. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException saying what is allowed */
    public static DeployOrder of(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("deployOrder \"" + wire + "\" is unknown; allowed: "
                        + Arrays.stream(values()).map(DeployOrder::wire).collect(Collectors.joining(", "))));
    }
}
