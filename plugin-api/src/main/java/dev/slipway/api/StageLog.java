package dev.slipway.api;

/** Where a strategy writes what the user should see of its stage, one line at a time. */
@FunctionalInterface
public interface StageLog {

    void line(String text);

    /** A log that drops everything: for callers that have no user watching. */
    static StageLog discard() {
        return text -> { };
    }
}
