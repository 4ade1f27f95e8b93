package dev.slipway.api.testkit;

import dev.slipway.api.ProcessMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A process monitor for a deployer's tests: keeps every report, and waits for one. */
public final class RecordingMonitor implements ProcessMonitor {

    /** One report: {@code kind} is started, crashed, output (its lines in {@code lastLines}), stopped or releaseCrashed. */
    public record Report(String kind, String process, long pid, Integer exitCode, List<String> lastLines, int restarts,
                         Duration restartIn, String reason) {
    }

    private final List<Report> reports = new CopyOnWriteArrayList<>();

    @Override
    public void started(String type, int index, long pid, int port, Instant startedAt, int restarts) {
        reports.add(new Report("started", type + "." + index, pid, null, List.of(), restarts, null, null));
    }

    @Override
    public void crashed(String type, int index, Integer exitCode, List<String> lastLines, int restarts,
                        Duration restartIn) {
        reports.add(new Report("crashed", type + "." + index, 0, exitCode, lastLines, restarts, restartIn, null));
    }

    @Override
    public void output(String type, int index, List<String> lines) {
        reports.add(new Report("output", type + "." + index, 0, null, List.copyOf(lines), 0, null, null));
    }

    /** Every line {@code process} printed, in order. */
    public List<String> output(String process) {
        return reports.stream().filter(r -> r.kind().equals("output") && r.process().equals(process))
                .flatMap(r -> r.lastLines().stream()).toList();
    }

    @Override
    public void stopped(String type, int index) {
        reports.add(new Report("stopped", type + "." + index, 0, null, List.of(), 0, null, null));
    }

    @Override
    public void releaseCrashed(String reason) {
        reports.add(new Report("releaseCrashed", null, 0, null, List.of(), 0, null, reason));
    }

    public List<Report> reports() {
        return List.copyOf(reports);
    }

    /** The first report that matches, waiting up to {@code seconds} for it; an AssertionError naming all if none. */
    public Report await(Predicate<Report> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (Report report : reports) {
                if (wanted.test(report)) {
                    return report;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such report within " + seconds + " s; got " + reports);
    }
}
