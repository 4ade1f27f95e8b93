package dev.slipway.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
        run(Sandbox.none(), command, dir, env, log, timeout);
    }

    /** As {@link #run(List, Path, Map, StageLog, Duration)}, inside {@code sandbox}; errors name {@code command} alone. */
    public static void run(Sandbox sandbox, List<String> command, Path dir, Map<String, String> env, StageLog log,
                           Duration timeout) throws StageException {
        String program = command.get(0);
        ProcessBuilder builder = new ProcessBuilder(sandbox.wrap(command)).directory(dir.toFile())
                .redirectErrorStream(true);
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
            throw new StageException(String.join(" ", command) + " " + describeExit(process.exitValue())
                    + " (its output is in the stage log)");
        }
    }

    /**
     * What an exit status means, naming the limit a signal points to: the shell and the sandbox
     * report a process killed by signal N as exit status 128 + N.
     */
    public static String describeExit(int status) {
        return switch (status) {
            case 128 + 9 -> "was killed (SIGKILL): the app's memory limit ([limits] memory) may have been reached";
            case 128 + 24 -> "was stopped by its CPU time limit (SIGXCPU, [limits] cpu-time)";
            case 128 + 25 -> "was stopped by its file size limit (SIGXFSZ, [limits] file-size)";
            default -> status > 128 && status < 128 + 65 ? "was killed by signal " + (status - 128)
                    : "failed with exit code " + status;
        };
    }

    /** Stops a process and everything it started: children first, so none is left orphaned. */
    public static void destroyTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Whether {@code process} still runs. {@link ProcessHandle#isAlive()} counts a zombie as alive, and
     * an orphan killed where no init reaps it (a container's may not) stays one: it has finished all the same.
     */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        String[] stat = stat(process.pid());
        if (stat == null) {
            return process.isAlive(); // gone since, or no procfs: then the JDK's answer must do
        }
        return !finished(stat);
    }

    /** A zombie or a dead process, by the state field of its stat. */
    private static boolean finished(String[] stat) {
        return stat[0].equals("Z") || stat[0].equals("X");
    }

    /** Whether all of {@code processes} finished within {@code seconds}; polled, as a zombie's onExit never completes. */
    public static boolean awaitFinished(List<ProcessHandle> processes, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (processes.stream().anyMatch(Commands::running)) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Thread.sleep(50);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The running processes of the session whose leader had {@code leaderPid} ({@code setsid}), started
     * at or after {@code leaderStart}: what the leader started, found even once it died and init took them.
     */
    public static List<ProcessHandle> session(long leaderPid, Instant leaderStart) {
        String sid = Long.toString(leaderPid);
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != leaderPid)
                .filter(p -> p.info().startInstant().map(t -> !t.isBefore(leaderStart)).orElse(false))
                .filter(p -> {
                    String[] stat = stat(p.pid());
                    return stat != null && stat.length > 3 && stat[3].equals(sid) && !finished(stat);
                })
                .toList();
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name (state, ppid, pgrp, session, …); null if gone. */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name is in parentheses and may hold any character, spaces and ')' included.
            return stat.substring(stat.lastIndexOf(')') + 1).strip().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
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
