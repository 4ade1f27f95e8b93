package dev.slipway.workers.supervise;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * How much of one release's output goes to its runtime log: at most {@code perSecond} lines in
 * each second, so that an app printing in a tight loop cannot flood the logs topic and the
 * database; the lines over it are counted, and the count is told with the next lines that pass.
 */
final class OutputBudget {

    private static final long SECOND = 1_000_000_000L;

    /** The lines that pass, and how many were dropped since lines last passed. */
    record Admitted(List<String> lines, long droppedBefore) {
    }

    private final int perSecond;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int passed;
    private long dropped;
    private boolean started;

    OutputBudget(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    synchronized Admitted admit(List<String> lines) {
        long now = nanoTime.getAsLong();
        if (!started || now - windowStart >= SECOND) {
            started = true;
            windowStart = now;
            passed = 0;
        }
        int room = Math.max(0, perSecond - passed);
        List<String> admitted = lines.size() <= room ? lines : lines.subList(0, room);
        passed += admitted.size();
        long before = admitted.isEmpty() ? 0 : dropped;
        if (!admitted.isEmpty()) {
            dropped = 0;
        }
        dropped += lines.size() - admitted.size();
        return new Admitted(List.copyOf(admitted), before);
    }

    int perSecond() {
        return perSecond;
    }
}
