package dev.slipway.cli;

import dev.slipway.cli.http.ApiClient;
import dev.slipway.cli.sse.SseFollower;
import java.io.PrintStream;
import java.time.Duration;

/** What every command gets: the API, where to print, and how to follow streams. */
public final class Cli {

    private static final int STREAM_ATTEMPTS = 8;

    private final Config config;
    private final ApiClient api;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration reconnectDelay;

    public Cli(Config config, PrintStream out, PrintStream err, Duration reconnectDelay) {
        this.config = config;
        this.api = new ApiClient(config);
        this.out = out;
        this.err = err;
        this.reconnectDelay = reconnectDelay;
    }

    public Config config() {
        return config;
    }

    public ApiClient api() {
        return api;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public SseFollower newFollower() {
        return new SseFollower(api, reconnectDelay, STREAM_ATTEMPTS);
    }
}
