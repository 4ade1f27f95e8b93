package dev.slipway.api;

/**
 * A stage could not do its work. The message is shown to the user as the reason the stage failed,
 * so it says what happened, to what, and what to do.
 */
public class StageException extends Exception {

    public StageException(String message) {
        super(message);
    }

    public StageException(String message, Throwable cause) {
        super(message, cause);
    }
}
