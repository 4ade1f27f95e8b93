package dev.slipway.workers.isolation;

import dev.slipway.api.Sandbox;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs an app's command as its own user: joined to its control groups, with its rlimits, then
 * {@code setpriv} to the app's uid and gid with no supplementary groups, no capabilities and no
 * new privileges. Every step is an argument array; the one shell script is a constant.
 *
 * @param user        the app's user, or {@code null} when isolation is off (the worker is not root)
 * @param cgroupProcs the {@code cgroup.procs} files to join (empty without cgroups)
 */
record AppSandbox(AppUser user, List<Path> cgroupProcs, ResourceLimits limits, boolean longRunning,
                  SecretMask mask) implements Sandbox {

    /**
     * The host's programs by absolute path: they run as root with the app's environment, whose PATH
     * leads to the app's own {@code node_modules/.bin} first.
     */
    static final String SH = HostPrograms.find("sh");
    static final String PRLIMIT = HostPrograms.find("prlimit");
    static final String SETPRIV = HostPrograms.find("setpriv");

    /** Writes its own pid into each file named before "--", then runs what follows. */
    private static final String JOIN_CGROUPS = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done;"
            + " shift; exec \"$@\"";

    AppSandbox {
        cgroupProcs = List.copyOf(cgroupProcs);
    }

    @Override
    public List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>();
        if (!cgroupProcs.isEmpty()) {
            wrapped.addAll(List.of(SH, "-c", JOIN_CGROUPS, "slipway-cgroup"));
            cgroupProcs.forEach(p -> wrapped.add(p.toString()));
            wrapped.add("--");
        }
        wrapped.addAll(limits.prlimit(longRunning, user != null));
        if (user != null) {
            wrapped.addAll(List.of(SETPRIV, "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups",
                    "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"));
        }
        wrapped.addAll(command);
        return wrapped;
    }

    /** The app's output goes through the masker, which runs in the same sandbox, into the file. */
    @Override
    public Process start(List<String> command, Path dir, Map<String, String> env, Path logFile) throws IOException {
        if (user != null) {
            new Ownership().hostFileForApp(logFile, user);
        }
        ProcessBuilder app = new ProcessBuilder(wrap(command)).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        app.environment().clear();
        app.environment().putAll(env);
        // Not held to the app's file size limit: the filter dying would take the app with it (SIGPIPE).
        AppSandbox filter = new AppSandbox(user, cgroupProcs, limits.withoutFileSizeLimit(), true, mask);
        ProcessBuilder masker = new ProcessBuilder(filter.wrap(OutputMasker.command())).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        masker.environment().clear();
        masker.environment().putAll(OutputMasker.environment(mask));
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(app, masker));
        return new LoggedProcess(pipeline.get(0), pipeline.get(1));
    }
}
