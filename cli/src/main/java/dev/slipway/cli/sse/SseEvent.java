package dev.slipway.cli.sse;

/**
 * One server-sent event.
 *
 * @param id    the last event id seen on the stream so far (what {@code Last-Event-ID} resumes from), or null
 * @param event the event type; {@code message} when the server gave none
 * @param data  the data lines joined with {@code \n}
 */
public record SseEvent(String id, String event, String data) {
}
