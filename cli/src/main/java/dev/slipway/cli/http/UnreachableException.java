package dev.slipway.cli.http;

import java.io.IOException;

/** The API could not be reached at all, or the connection broke. */
public class UnreachableException extends IOException {

    public UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
