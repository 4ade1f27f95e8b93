package dev.slipway.api.event;

/** Facts the orchestrator records about a deployment as a whole. */
public sealed interface DeploymentEvent extends SlipwayEvent
        permits DeploymentRequested, StageTimedOut, DeploymentSucceeded, DeploymentFailed, DeploymentQueued,
        DeploymentDequeued, DeploymentCancelled {
}
