package dev.slipway.cli.sse;

import java.util.Optional;

/**
 * Turns the lines of a {@code text/event-stream} into events, as the HTML standard's event-stream
 * interpretation does: {@code field: value} lines, one optional space after the colon, several
 * {@code data} lines joined by newlines, a blank line dispatching the event, lines starting with
 * {@code :} ignored, and the id carried over to later events until a new one is given.
 */
public final class SseParser {

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String event;
    private String lastId;
    private boolean first = true;

    /** Feeds one line (without its line ending); returns the event a blank line completes. */
    public Optional<SseEvent> line(String line) {
        if (first) {
            first = false;
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value.isEmpty() ? null : value;
                }
            }
            default -> {
                // "retry" and unknown fields: nothing to do for a client that reconnects on its own terms
            }
        }
        return Optional.empty();
    }

    /** The id to send as {@code Last-Event-ID} when reconnecting, or null. */
    public String lastId() {
        return lastId;
    }

    private Optional<SseEvent> dispatch() {
        if (!hasData) {
            event = null;
            return Optional.empty();
        }
        SseEvent done = new SseEvent(lastId, event == null || event.isEmpty() ? "message" : event, data.toString());
        data.setLength(0);
        hasData = false;
        event = null;
        return Optional.of(done);
    }
}
