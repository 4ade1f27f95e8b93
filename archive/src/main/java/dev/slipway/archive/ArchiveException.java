package dev.slipway.archive;

/**
 * A source archive was refused. The message names the entry and the rule it broke, in words fit to
 * show the user who uploaded it, e.g. {@code archive entry "../etc/passwd" escapes the source tree}.
 */
public class ArchiveException extends Exception {

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }

    static ArchiveException entry(String name, String rule) {
        return new ArchiveException("archive entry \"" + name + "\" " + rule);
    }
}
