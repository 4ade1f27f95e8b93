package dev.slipway.api.event;

/** What the orchestrator asks workers to do. Requests, named as such. */
public sealed interface Command extends SlipwayEvent
        permits BuildRequested, DeployRequested, StopRequested, ProxyRequested, ProxyRemovalRequested, HookRequested,
        CleanupRequested, CancelRequested {

    /** The topic the command is published on. */
    String topic();
}
