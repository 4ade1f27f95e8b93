package dev.slipway.plugins.deploy.process;

import dev.slipway.api.ProcessMonitor;
import java.nio.file.Path;
import java.util.List;

/** A running release in a supervisor's care: its processes, how to start them again, where to report. */
final class SupervisedRelease {

    final Path workDir;
    final Launcher launcher;
    final List<Instance> instances;
    final ProcessMonitor monitor;
    final CrashPolicy policy;
    final PortReservations ports;
    /** Set once the release left this supervisor's care (stopped): nothing of it is started again. */
    volatile boolean forgotten;

    SupervisedRelease(Path workDir, Launcher launcher, List<Instance> instances, ProcessMonitor monitor,
                      CrashPolicy policy, PortReservations ports) {
        this.workDir = workDir;
        this.launcher = launcher;
        this.instances = List.copyOf(instances);
        this.monitor = monitor;
        this.policy = policy;
        this.ports = ports;
    }

    /** Stopped here, or by any worker of the host (its marker file). */
    boolean stopping() {
        return forgotten || ReleaseProcess.stopping(workDir);
    }

    /** Who holds the instance's port, in its reservation file. */
    String owner(Instance instance) {
        return workDir + " " + instance.name();
    }
}
