package dev.slipway.orchestrator.api;

import dev.slipway.api.config.Names;
import dev.slipway.orchestrator.Refused;
import java.util.UUID;

/**
 * Parameters parsed here rather than by JAX-RS, whose answer to a value it cannot convert is a
 * bare 404 (path) or 400 (header) that says nothing of what was wrong.
 */
public final class Params {

    private Params() {
    }

    public static UUID uuid(String what, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Refused.invalid(what + " \"" + Names.printable(String.valueOf(text)) + "\" is not a UUID");
        }
    }

    /** {@code Last-Event-ID}: absent = from the start. */
    public static long lastEventId(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            long id = Long.parseLong(text.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw Refused.invalid("Last-Event-ID \"" + Names.printable(text) + "\" is not an event id (a number)");
        }
    }
}
