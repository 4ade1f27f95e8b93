package dev.slipway.cli;

/** What {@code slip} exits with. */
public final class ExitCodes {

    /** Done; for a deployment: it succeeded. */
    public static final int OK = 0;
    /** The deployment failed, or the API refused the request. */
    public static final int FAILED = 1;
    /** Bad usage, or Slipway could not be reached. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
