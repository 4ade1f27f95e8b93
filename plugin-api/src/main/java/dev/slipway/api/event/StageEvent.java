package dev.slipway.api.event;

/** Facts workers report about a stage, on {@link Topics#EVENTS}. Past tense. */
public sealed interface StageEvent extends SlipwayEvent
        permits BuildStarted, Built, BuildFailed, DeployStarted, Deployed, DeployFailed, Stopped,
        ProxyStarted, ProxyConfigured, ProxyFailed, HookCompleted, HookFailed {
}
