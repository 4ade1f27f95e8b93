package dev.slipway.orchestrator.config;

/** What a re-sealing did: values sealed again with the newest key, and values it could not open. */
record Tally(int resealed, int unreadable) {

    static final Tally NONE = new Tally(0, 0);
    static final Tally ONE = new Tally(1, 0);
    static final Tally UNREADABLE = new Tally(0, 1);

    Tally plus(Tally other) {
        return new Tally(resealed + other.resealed, unreadable + other.unreadable);
    }
}
