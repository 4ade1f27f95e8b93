package dev.slipway.cli.sse;

import dev.slipway.cli.http.ApiClient;
import dev.slipway.cli.http.ApiException;
import dev.slipway.cli.http.UnreachableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Follows one event stream to its end, reconnecting with {@code Last-Event-ID} when the connection
 * drops early, with doubling pauses. Gives up after a number of attempts in a row that bring no
 * new event. {@link #close()} stops it from another thread.
 */
public final class SseFollower {

    private static final Duration MAX_DELAY = Duration.ofSeconds(10);

    /** Sees each event; answers true when it was the last one wanted. */
    public interface Handler {
        boolean onEvent(SseEvent event);
    }

    private final ApiClient api;
    private final Duration firstDelay;
    private final int maxAttempts;
    private final AtomicReference<Stream<String>> current = new AtomicReference<>();
    private volatile boolean closed;

    public SseFollower(ApiClient api, Duration firstDelay, int maxAttempts) {
        this.api = api;
        this.firstDelay = firstDelay;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Reads {@code path} until the handler has its last event or, when {@code endsWhenClosed}, until
     * the server closes the stream. Without {@code endsWhenClosed} an early close is a drop.
     *
     * @return false when it gave up reconnecting
     * @throws ApiException the API refused the stream, e.g. an unknown deployment
     */
    public boolean follow(String path, Handler handler, boolean endsWhenClosed) throws IOException, ApiException {
        String lastId = null;
        int fruitless = 0;
        while (!closed) {
            boolean progressed = false;
            try (Stream<String> lines = api.openEventStream(path, lastId)) {
                current.set(lines);
                SseParser parser = new SseParser();
                for (Iterator<String> it = lines.iterator(); it.hasNext() && !closed; ) {
                    Optional<SseEvent> event = parser.line(it.next());
                    if (event.isPresent()) {
                        progressed = true;
                        lastId = event.get().id() != null ? event.get().id() : lastId;
                        if (handler.onEvent(event.get())) {
                            return true;
                        }
                    }
                }
                if (endsWhenClosed) {
                    return true;
                }
            } catch (UnreachableException | UncheckedIOException e) {
                // The connection failed or dropped: reconnect below, unless closed on purpose.
            } finally {
                current.set(null);
            }
            fruitless = progressed ? 1 : fruitless + 1;
            if (closed || fruitless > maxAttempts) {
                return closed;
            }
            pause(fruitless);
        }
        return true;
    }

    /** Stops following, closing the connection if one is open. */
    public void close() {
        closed = true;
        Stream<String> lines = current.get();
        if (lines != null) {
            lines.close();
        }
    }

    private void pause(int attempt) {
        long millis = Math.min(MAX_DELAY.toMillis(), firstDelay.toMillis() << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
