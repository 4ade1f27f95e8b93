package dev.slipway.orchestrator;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what another thread brings about, failing with what was awaited. */
public final class Eventually {

    private Eventually() {
    }

    public static void within(Duration patience, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + patience.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
