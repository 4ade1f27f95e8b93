package dev.slipway.api.event;

import java.util.UUID;

/**
 * Every message of the pipeline. All belong to one deployment of one app; {@code attempt} is the
 * stage attempt a command was issued for and a fact answers, so late answers of older attempts can
 * be told apart. Messages are keyed by app on Kafka so one app's messages stay in order.
 */
public sealed interface SlipwayEvent permits Command, StageEvent, DeploymentEvent, ProcessEvent {

    UUID deploymentId();

    String app();

    int attempt();

    /** The CloudEvents type of this message, e.g. {@code dev.slipway.BuildRequested}. */
    default String type() {
        return EventTypes.typeOf(getClass());
    }
}
