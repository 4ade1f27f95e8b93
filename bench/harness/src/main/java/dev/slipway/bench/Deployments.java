package dev.slipway.bench;

import java.io.IOException;

/** One no-op deployment, timed as a user sees it: from the request to its terminal event on the SSE stream. */
final class Deployments {

    /** Nanosecond instants ({@link System#nanoTime()}) of one deployment. */
    record Timed(long requested, long accepted, BenchApi.Ending ending) {
        long acceptedToEnd() {
            return ending.seenAt() - accepted;
        }

        long requestedToEnd() {
            return ending.seenAt() - requested;
        }
    }

    private final BenchApi api;
    private final byte[] archive;

    Deployments(BenchApi api) throws IOException {
        this.api = api;
        this.archive = NoopApp.archive();
    }

    Timed run(String app) throws IOException {
        long requested = System.nanoTime();
        String id = api.deploy(app, archive);
        long accepted = System.nanoTime();
        return new Timed(requested, accepted, api.follow(id));
    }
}
