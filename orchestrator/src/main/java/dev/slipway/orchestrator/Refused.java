package dev.slipway.orchestrator;

/**
 * A request Slipway refuses, with a message for the user that says what and where. The domain
 * throws it knowing nothing of HTTP; {@code api.ApiErrors} gives each {@link Kind} its status, in
 * one place.
 */
public final class Refused extends RuntimeException {

    /** Why it is refused. */
    public enum Kind {
        /** The input is wrong: a name, a file, a body. */
        INVALID,
        /** Who asks could not be told from the request (a webhook's signature). */
        UNAUTHENTICATED,
        /** Who asks may not do this. */
        FORBIDDEN,
        NOT_FOUND,
        /** Right on its own, but not with what is there now (a name taken, a deployment in progress). */
        CONFLICT,
        TOO_LARGE,
        /** Slipway cannot do it now for a reason of its own (a key it is not configured with). */
        UNAVAILABLE
    }

    private final Kind kind;

    public Refused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static Refused invalid(String message) {
        return new Refused(Kind.INVALID, message);
    }

    public static Refused notFound(String what) {
        return new Refused(Kind.NOT_FOUND, what + " does not exist");
    }

    public static Refused conflict(String message) {
        return new Refused(Kind.CONFLICT, message);
    }

    public static Refused tooLarge(String message) {
        return new Refused(Kind.TOO_LARGE, message);
    }
}
