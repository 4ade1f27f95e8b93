package dev.slipway.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations measured in milliseconds, and their percentiles (nearest rank). */
final class Samples {

    private final List<Double> millis = new ArrayList<>();

    synchronized void addNanos(long nanos) {
        millis.add(nanos / 1e6);
    }

    synchronized int size() {
        return millis.size();
    }

    /** The q-th percentile (0 < q ≤ 1) by nearest rank; there must be at least one sample. */
    synchronized double percentile(double q) {
        if (millis.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    double p50() {
        return percentile(0.50);
    }

    double p99() {
        return percentile(0.99);
    }
}
