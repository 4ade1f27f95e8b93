package dev.slipway.workers.supervise;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * How much of one process's output goes to its runtime log: at most {@code perSecond} lines and
 * {@code charsPerSecond} characters in each second, so that an app printing in a tight loop cannot
 * flood the logs topic and the database; the lines over it are counted, and the count is told with
 * the next lines that pass.
 */
final class OutputBudget {

    private static final long SECOND = 1_000_000_000L;

    /** The lines that pass, and how many were dropped since lines last passed. */
    record Admitted(List<String> lines, long droppedBefore) {
    }

    private final int perSecond;
    private final long charsPerSecond;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int passed;
    private long passedChars;
    private long dropped;
    private boolean started;

    OutputBudget(int perSecond, long charsPerSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.charsPerSecond = charsPerSecond;
        this.nanoTime = nanoTime;
    }

    synchronized Admitted admit(List<String> lines) {
        long now = nanoTime.getAsLong();
        if (!started || now - windowStart >= SECOND) {
            started = true;
            windowStart = now;
            passed = 0;
            passedChars = 0;
        }
        int room = 0;
        for (String line : lines) {
            if (passed + room >= perSecond || passedChars + line.length() > charsPerSecond) {
                break;
            }
            passedChars += line.length();
            room++;
        }
        List<String> admitted = lines.subList(0, room);
        passed += room;
        long before = admitted.isEmpty() ? 0 : dropped;
        if (!admitted.isEmpty()) {
            dropped = 0;
        }
        dropped += lines.size() - admitted.size();
        return new Admitted(List.copyOf(admitted), before);
    }
}
