package dev.slipway.workers.isolation;

import dev.slipway.api.StageException;
import dev.slipway.api.config.AppConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits one app's code runs with: what its {@code [limits]} asks, within the server's
 * ceilings ({@code slipway.limits.*}), which are also the defaults.
 */
record ResourceLimits(long processes, long openFiles, long memoryBytes, long fileBytes, Duration cpuTime) {

    static ResourceLimits of(AppConfig.Limits asked, ResourceLimits ceiling) throws StageException {
        return new ResourceLimits(
                within("processes", asked.processes(), ceiling.processes(), "slipway.limits.processes"),
                within("open-files", asked.openFiles(), ceiling.openFiles(), "slipway.limits.open-files"),
                within("memory", asked.memoryBytes(), ceiling.memoryBytes(), "slipway.limits.memory"),
                within("file-size", asked.fileBytes(), ceiling.fileBytes(), "slipway.limits.file-size"),
                asked.cpuTime() == null ? ceiling.cpuTime() : Duration.ofSeconds(within("cpu-time",
                        asked.cpuTime().toSeconds(), ceiling.cpuTime().toSeconds(), "slipway.limits.cpu-time")));
    }

    private static long within(String key, Long asked, long ceiling, String setting) throws StageException {
        if (asked == null) {
            return ceiling;
        }
        if (asked > ceiling) {
            throw new StageException("slipway.toml [limits] " + key + " = " + asked + " is above this server's"
                    + " limit of " + ceiling + " (" + setting + "); ask for at most that, or ask the operator");
        }
        return asked;
    }

    /** These limits with no limit on file size ({@code -1}). */
    ResourceLimits withoutFileSizeLimit() {
        return new ResourceLimits(processes, openFiles, memoryBytes, -1, cpuTime);
    }

    /**
     * The {@code prlimit} arguments (hard limits, so the app cannot raise them). Long-running processes
     * get no CPU time limit: a web server accumulates CPU time for as long as it serves.
     */
    List<String> prlimit(boolean longRunning, boolean perUser) {
        List<String> args = new ArrayList<>(List.of(AppSandbox.PRLIMIT, "--nofile=" + openFiles,
                "--fsize=" + (fileBytes < 0 ? "unlimited" : Long.toString(fileBytes))));
        if (perUser) {
            args.add("--nproc=" + processes); // counts every process of the user: only meaningful for the app's own
        }
        if (!longRunning) {
            // At the soft limit the kernel sends SIGXCPU, which says why; the hard one SIGKILLs what ignores it.
            long seconds = Math.max(1, cpuTime.toSeconds());
            args.add("--cpu=" + seconds + ":" + (seconds + 5));
        }
        args.add("--");
        return args;
    }
}
