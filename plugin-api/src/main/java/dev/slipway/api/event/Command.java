package dev.slipway.api.event;

import java.util.Map;

/** What the orchestrator asks workers to do. Requests, named as such. */
public sealed interface Command extends SlipwayEvent
        permits BuildRequested, DeployRequested, StopRequested, ProxyRequested, ProxyRemovalRequested, HookRequested,
        CleanupRequested, CancelRequested {

    /** The topic the command is published on. */
    String topic();

    /**
     * The plugins the deployment keeps, plugin name → the checksum it was accepted with: a worker
     * runs exactly those versions. Empty for commands outside a deployment, and for commands from
     * before pins were carried.
     */
    default Map<String, String> pins() {
        return Map.of();
    }

    /** This command carrying {@code pins}; a command outside a deployment has none and stays as it is. */
    default Command pinned(Map<String, String> pins) {
        return this;
    }

    /** What a command's compact constructor keeps of the pins it was given: a copy, none for null. */
    static Map<String, String> pinsOf(Map<String, String> pins) {
        return pins == null ? Map.of() : Map.copyOf(pins);
    }
}
