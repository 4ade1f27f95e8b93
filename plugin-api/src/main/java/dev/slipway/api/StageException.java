package dev.slipway.api;

/**
 * A stage could not do its work. The message is shown to the user as the reason the stage failed,
 * so it says what happened, to what, and what to do.
 *
 * <p>A failure is <em>not retryable</em> unless the plugin says otherwise: the orchestrator fails the
 * deployment at once, since doing the same again gives the same answer (a missing {@code package.json},
 * a build command that fails, a wrong setting). A {@linkplain #retryable(String) retryable} failure is
 * one a later attempt may not meet (a package registry that timed out, a network error): the
 * orchestrator issues the stage again after its back-off, up to the app's attempts ({@code [retry]}).
 */
public class StageException extends Exception {

    private final boolean retryable;

    public StageException(String message) {
        this(message, null, false);
    }

    public StageException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StageException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** A failure that a later attempt of the same stage may not meet. */
    public static StageException retryable(String message) {
        return new StageException(message, null, true);
    }

    /** A failure that a later attempt of the same stage may not meet, with what caused it. */
    public static StageException retryable(String message, Throwable cause) {
        return new StageException(message, cause, true);
    }

    /** Whether issuing the stage again may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
