package dev.slipway.plugins.deploy.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Deque;

/**
 * When a crashed process is started again: after a back-off that doubles with each crash in the
 * window, up to a maximum; after {@code limit} crashes within the window, never again.
 */
record CrashPolicy(Duration backoff, Duration maxBackoff, int limit, Duration window) {

    /**
     * Records a crash at {@code now} in {@code crashes} (oldest first; crashes older than the window
     * are dropped) and says how long to wait before the next start, or {@code null}: give up.
     */
    Duration afterCrash(Deque<Instant> crashes, Instant now) {
        crashes.addLast(now);
        while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(window))) {
            crashes.removeFirst();
        }
        int recent = crashes.size();
        if (recent >= limit) {
            return null;
        }
        long factor = 1L << Math.min(recent - 1, 30);
        Duration delay = backoff.multipliedBy(factor);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    /** What giving up says, for the release's crash reason. */
    String gaveUp(String process) {
        return process + " crashed " + limit + " times within " + window.toSeconds() + " s; it is not started again"
                + " (slipway.plugins.process.crash-limit, .crash-window)";
    }
}
