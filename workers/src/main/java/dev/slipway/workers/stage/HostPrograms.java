package dev.slipway.workers.stage;

import dev.slipway.api.Commands;
import dev.slipway.api.InstallPlan;
import dev.slipway.api.OsRelease;
import dev.slipway.api.OsSupport;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the programs a toolchain runs are on this host, and if not, how this host installs them:
 * the plan of the OS support plugin that recognises {@code /etc/os-release}. The build fails saying the
 * command, or, when the operator allows it and the worker is root, the worker runs the plan first.
 */
final class HostPrograms {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
    /** One install at a time: package managers take a lock of their own and fail the second. */
    private static final Object INSTALLING = new Object();

    private final List<OsSupport> supports;
    private final OsRelease os;
    private final boolean installMissing;

    HostPrograms(List<OsSupport> supports, OsRelease os, boolean installMissing) {
        this.supports = List.copyOf(supports);
        this.os = os;
        this.installMissing = installMissing;
    }

    void require(String who, List<String> programs, Map<String, String> env, StageLog log) throws StageException {
        List<String> missing = missing(programs, env);
        if (missing.isEmpty()) {
            return;
        }
        String what = String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not installed on this"
                + " worker (not on its PATH), and " + who + " runs " + (missing.size() == 1 ? "it" : "them");
        Optional<OsSupport> support = supports.stream().filter(s -> s.recognises(os)).findFirst();
        if (support.isEmpty()) {
            throw new StageException(what + "; no OS support plugin knows " + os.prettyName()
                    + ": install " + (missing.size() == 1 ? "it" : "them") + " with its package manager");
        }
        InstallPlan plan = support.get().plan(os, missing);
        if (!plan.unknown().isEmpty()) {
            throw new StageException(what + "; " + os.prettyName() + " has no package known to Slipway for "
                    + String.join(", ", plan.unknown()) + ": install " + (missing.size() == 1 ? "it" : "them") + " by hand");
        }
        if (!installMissing || !"root".equals(System.getProperty("user.name"))) {
            throw new StageException(what + ". Install " + (missing.size() == 1 ? "it" : "them") + " on every build worker ("
                    + plan.os() + "): " + plan.commandLine() + (installMissing ? "" : "; or let the workers do it"
                    + " (slipway.toolchains.install-missing=true, workers running as root)"));
        }
        synchronized (INSTALLING) {
            if (missing(programs, env).isEmpty()) {
                return;
            }
            log.line(what + ": installing with " + plan.commandLine());
            for (List<String> command : plan.commands()) {
                // The worker's own environment, not the app's: this is the host's package manager.
                Commands.run(command, Path.of("/"), Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                        "DEBIAN_FRONTEND", "noninteractive"), log, INSTALL_TIMEOUT);
            }
        }
        List<String> still = missing(programs, env);
        if (!still.isEmpty()) {
            throw new StageException(plan.commandLine() + " ran, and " + String.join(", ", still)
                    + " is still not on the build's PATH (" + env.get("PATH") + ")");
        }
    }

    private static List<String> missing(List<String> programs, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        return programs.stream().filter(program -> !onPath(program, path)).toList();
    }

    private static boolean onPath(String program, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
