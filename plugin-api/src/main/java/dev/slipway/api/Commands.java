package dev.slipway.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs external programs for strategies: argument arrays only, output streamed to the stage log. */
public final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code command} in {@code dir} with exactly {@code env} as its environment, streams its
     * merged output to {@code log}, and fails unless it exits 0 within {@code timeout}.
     */
    public static void run(List<String> command, Path dir, Map<String, String> env, StageLog log,
                           Duration timeout) throws StageException {
        String program = command.get(0);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StageException(program + " could not be started: " + e.getMessage()
                    + " (is it installed and on the PATH?)", e);
        }
        Thread pump = new Thread(() -> pump(process, log), program + "-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process.toHandle());
                throw new StageException(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + " s and was stopped");
            }
            pump.join(2_000);
        } catch (InterruptedException e) {
            destroyTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw new StageException(program + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new StageException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + " (its output is in the stage log)");
        }
    }

    /** Stops a process and everything it started: children first, so none is left orphaned. */
    public static void destroyTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void pump(Process process, StageLog log) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.line(line);
            }
        } catch (IOException e) {
            log.line("(output lost: " + e.getMessage() + ")");
        }
    }
}
