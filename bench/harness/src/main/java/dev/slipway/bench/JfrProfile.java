package dev.slipway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recording of a running service, started and stopped with {@code jcmd}, and what
 * its CPU samples say: the methods on top, and the Slipway code under them.
 */
final class JfrProfile {

    private final long pid;
    final Path file;

    private JfrProfile(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** Starts recording the JVM {@code pid} into {@code file}, written when {@link #stop()} is called. */
    static JfrProfile start(long pid, Path file) throws IOException {
        JfrProfile profile = new JfrProfile(pid, file);
        profile.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + file);
        return profile;
    }

    void stop() throws IOException {
        jcmd("JFR.stop", "name=bench");
    }

    /** A Markdown summary of a recording: sample count, top frames, the first Slipway frame of each sample, threads. */
    static String summary(Path file, String title, int top) throws IOException {
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> slipwayFrames = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, double[]> threadCpu = new HashMap<>();
        double[] jvmCpu = new double[3];
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.CPULoad")) {
                jvmCpu[0] += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                jvmCpu[1] += event.getFloat("machineTotal");
                jvmCpu[2]++;
            } else if (type.equals("jdk.ThreadCPULoad") && event.getThread("eventThread") != null) {
                double[] sum = threadCpu.computeIfAbsent(threadName(event.getThread("eventThread")), k -> new double[2]);
                sum[0] += event.getFloat("user") + event.getFloat("system");
                sum[1]++;
            }
            if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            RecordedStackTrace stack = event.getStackTrace();
            List<RecordedFrame> frames = stack.getFrames();
            if (!frames.isEmpty()) {
                topFrames.merge(method(frames.get(0)), 1, Integer::sum);
            }
            String slipway = frames.stream().map(JfrProfile::method).filter(m -> m.startsWith("dev.slipway."))
                    .findFirst().orElse("(no Slipway frame: framework, JDK or Kafka client)");
            slipwayFrames.merge(slipway, 1, Integer::sum);
            threads.merge(event.getThread("sampledThread") == null ? "?" : threadName(event.getThread("sampledThread")), 1,
                    Integer::sum);
        }
        Map<String, Integer> cpuShare = new HashMap<>();
        threadCpu.forEach((thread, sum) -> cpuShare.merge(thread, (int) Math.round(1000 * sum[0] / sum[1]), Integer::sum));
        return "### " + title + "\n\n" + samples + " CPU samples (jdk.ExecutionSample, JFR `profile` settings), recording `"
                + file.getFileName() + "`.\n\n" + ranking("top frame", topFrames, samples, top)
                + "\n" + ranking("first Slipway frame below it", slipwayFrames, samples, top)
                + "\n" + ranking("thread (Java code sampled)", threads, samples, top)
                + String.format("%nThe JVM used %.0f %% of the machine's CPU on average (the machine: %.0f %%; jdk.CPULoad, "
                        + "every second). By thread, in ‰ of the machine (jdk.ThreadCPULoad, every 10 s; the JIT "
                        + "compilers included, which CPU samples do not show; GC threads are not listed):%n%n",
                        jvmCpu[2] == 0 ? 0 : 100 * jvmCpu[0] / jvmCpu[2], jvmCpu[2] == 0 ? 0 : 100 * jvmCpu[1] / jvmCpu[2])
                + ranking("thread (CPU time)", cpuShare, 1000, top).replace("| samples | share |", "| ‰ | % |");
    }

    /** A thread's name with a trailing number folded, so a pool's threads count as one. */
    private static String threadName(RecordedThread thread) {
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name == null || name.isBlank() ? "(unnamed)" : name.replaceAll("-\\d+$", "-N").replaceAll("#\\d+$", "#N");
    }

    private static String ranking(String what, Map<String, Integer> counts, int total, int top) {
        return "| " + what + " | samples | share |\n|---|---:|---:|\n" + counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .map(e -> String.format("| `%s` | %d | %.0f %% |", e.getKey(), e.getValue(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining("\n")) + "\n";
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private void jcmd(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || out.contains("Could not")) {
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
