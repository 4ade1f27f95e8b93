package dev.slipway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the figures were measured on, written with them: they mean little without it. */
final class Machine {

    private Machine() {
    }

    static void describe(Figures figures, Path repo) throws IOException {
        figures.context("measured_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        figures.context("cpu", first("/proc/cpuinfo", "model name") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores");
        figures.context("memory", first("/proc/meminfo", "MemTotal"));
        figures.context("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        figures.context("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        figures.context("commit", git(repo));
        figures.context("load_before", loadAverage());
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine makes every figure noisy. */
    static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static String first(String file, String key) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
    }

    private static String git(Path repo) {
        try {
            Process p = new ProcessBuilder("git", "-C", repo.toString(), "describe", "--always", "--dirty")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 ? out : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
