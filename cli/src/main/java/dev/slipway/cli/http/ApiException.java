package dev.slipway.cli.http;

/** The API answered with an error; the message is its {@code "error"}, fit to show as is. */
public class ApiException extends Exception {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, e.g. 404. */
    public int status() {
        return status;
    }
}
