package dev.slipway.api.event;

/**
 * Facts a deploy worker reports about the processes of a running release, on {@link Topics#EVENTS}:
 * the app's process list and crash history. They follow the deployment that started the release,
 * not its workflow.
 */
public sealed interface ProcessEvent extends SlipwayEvent
        permits ProcessStarted, ProcessCrashed, ProcessStopped, ReleaseCrashed {
}
