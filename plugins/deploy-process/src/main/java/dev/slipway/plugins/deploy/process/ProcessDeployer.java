package dev.slipway.plugins.deploy.process;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Commands;
import dev.slipway.api.DeployContext;
import dev.slipway.api.Deployer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.Setting;
import dev.slipway.api.StageContext;
import dev.slipway.api.StageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the artifact's processes on the host, in the app's sandbox: every process type of it, each
 * web process on a port of its own, and returns once every web process answers. Their output goes
 * to files, not to the worker, so the app outlives a restart of the worker that started it; while
 * the worker runs, its {@link Supervisor} starts a process that crashed again, and a worker that
 * started again adopts the releases it finds ({@link #adopt}).
 */
public final class ProcessDeployer implements Deployer {

    private static final int TAIL_LINES = 20;

    private final Clock clock;
    /** Package-private: a test makes a deployer forget its releases, as a worker that died does. */
    final Supervisor supervisor;

    public ProcessDeployer() {
        this(Clock.systemUTC());
    }

    ProcessDeployer(Clock clock) {
        this.clock = clock;
        this.supervisor = new Supervisor(clock);
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public boolean accept(BuildArtifact artifact) {
        return BuildArtifact.PROCESS.equals(artifact.kind());
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                new Setting("port-range", Setting.Type.STRING, "20000-29999", "ports handed to web processes, FROM-TO"),
                new Setting("bind-host", Setting.Type.STRING, "127.0.0.1", "address a port must be free on"),
                new Setting("advertise-host", Setting.Type.STRING, "127.0.0.1", "address the proxy reaches releases on"),
                new Setting("state-dir", Setting.Type.PATH, null,
                        "directory the deployers of this host share: port reservations"),
                new Setting("restart-backoff", Setting.Type.INTEGER, "1",
                        "seconds before a crashed process starts again; doubled at each crash in the window"),
                new Setting("max-restart-backoff", Setting.Type.INTEGER, "60", "longest wait before a restart, seconds"),
                new Setting("crash-limit", Setting.Type.INTEGER, "5",
                        "crashes within the window after which a process is not started again: the release is crashed"),
                new Setting("crash-window", Setting.Type.INTEGER, "300", "the window crashes are counted in, seconds"));
    }

    @Override
    public DeploymentInfo deploy(DeployContext context) throws StageException {
        BuildArtifact artifact = context.artifact();
        List<Instance> instances = Formation.instances(artifact, context.appConfig().formation());
        ProcessSettings settings = ProcessSettings.from(context.config());
        PortReservations ports = new PortReservations(settings, clock);
        Path workDir = context.workDir().toAbsolutePath();
        List<Instance> started = new ArrayList<>();
        try {
            Files.createDirectories(workDir);
            Launcher launcher = new Launcher(context.sandbox(), artifact.root(), artifact.runtimeEnv(context.env()),
                    workDir);
            Map<Instance, ProcessLog> logs = new LinkedHashMap<>();
            for (Instance instance : instances) {
                if (instance.web()) {
                    instance.port = ports.reserve(workDir + " " + instance.name());
                }
                // Its runtime log begins with this start: what it prints while the deployment waits is in both.
                instance.shipped = ProcessLog.end(instance.logFile(workDir));
                logs.put(instance, new ProcessLog(instance.logFile(workDir), instance.name()));
                context.log().line("starting " + instance.name() + (instance.port > 0 ? " on port " + instance.port : "")
                        + ": " + instance.command);
                started.add(instance);
                launcher.start(instance);
            }
            awaitHealthy(context, logs);
            supervisor.supervise(new SupervisedRelease(workDir, launcher, instances, context.processes(),
                    settings.restart(), ports));
            List<Instance> webs = instances.stream().filter(Instance::web).toList();
            Instance web = webs.get(0);
            context.log().line("web is healthy on port" + (webs.size() > 1 ? "s " : " ")
                    + String.join(", ", webs.stream().map(w -> Integer.toString(w.port)).toList())
                    + " (pid " + web.handle.pid() + (webs.size() > 1 ? ", …" : "") + ")");
            return DeploymentInfo.upstreams(context.app(), context.deploymentId().toString(), name(),
                    webs.stream().map(w -> new DeploymentInfo.Upstream(settings.advertiseHost(), w.port)).toList(),
                    Map.of("pid", Long.toString(web.handle.pid()),
                            "startedAt", Long.toString(PidFile.startedAt(web.handle)),
                            "log", web.logFile(workDir).toString(), "workDir", workDir.toString()));
        } catch (IOException e) {
            abandon(started, ports);
            throw new StageException("the processes could not be started in " + artifact.root() + ": "
                    + e.getMessage(), e);
        } catch (StageException | RuntimeException e) {
            abandon(started, ports);
            throw e;
        }
    }

    /** Polls until every web process answers and no other process has exited. */
    private void awaitHealthy(DeployContext context, Map<Instance, ProcessLog> logs) throws StageException {
        Duration timeout = context.appConfig().healthcheck().timeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Instance web : logs.keySet().stream().filter(Instance::web).toList()) {
            HealthProbe probe = new HealthProbe(web.port, context.appConfig().healthcheck().path());
            String problem = "not probed yet";
            while (problem != null) {
                copyAndCheck(context, logs);
                problem = probe.problem();
                if (problem != null && System.nanoTime() >= deadline) {
                    logs.values().forEach(log -> log.copyNewLines(context.log()));
                    throw new StageException("health check failed: " + problem + " within " + format(timeout)
                            + " ([healthcheck] timeout); last output:\n" + logs.get(web).tail(TAIL_LINES));
                }
                if (problem != null) {
                    pause();
                }
            }
        }
        copyAndCheck(context, logs);
    }

    /** Copies what the processes printed to the stage log; one that exited fails the deployment with its output. */
    private static void copyAndCheck(DeployContext context, Map<Instance, ProcessLog> logs) throws StageException {
        for (Map.Entry<Instance, ProcessLog> entry : logs.entrySet()) {
            Instance instance = entry.getKey();
            entry.getValue().copyNewLines(context.log());
            if (!instance.process.isAlive()) {
                entry.getValue().copyNewLines(context.log());
                throw new StageException("the " + (instance.web() ? "web process" : "process " + instance.name()) + " "
                        + Commands.describeExit(instance.process.exitValue())
                        + (instance.web() ? " before it answered on port " + instance.port : " while the release started")
                        + "; last output:\n" + entry.getValue().tail(TAIL_LINES));
            }
        }
    }

    private static void pause() throws StageException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException("deploy interrupted while waiting for the web process", e);
        }
    }

    /** On any failure nothing of the new release is left running, and its ports are free again. */
    private static void abandon(List<Instance> started, PortReservations ports) {
        for (Instance instance : started) {
            if (instance.handle != null) {
                ReleaseProcess.kill(instance.handle);
            }
            if (instance.port > 0) {
                ports.release(instance.port);
            }
        }
    }

    @Override
    public void adopt(DeploymentInfo release, DeployContext context) throws StageException {
        Path workDir = Path.of(release.attributes().getOrDefault("workDir", context.workDir().toString()));
        if (ReleaseProcess.stopping(workDir) || supervisor.supervises(workDir)) {
            return;
        }
        BuildArtifact artifact = context.artifact();
        ProcessSettings settings = ProcessSettings.from(context.config());
        PortReservations ports = new PortReservations(settings, clock);
        List<Instance> instances = Formation.instances(artifact, context.appConfig().formation());
        List<String> found = new ArrayList<>();
        for (Instance instance : instances) {
            PidFile.Entry entry = PidFile.read(instance.pidFile(workDir)).orElse(null);
            instance.port = entry != null ? entry.port() : instance.web() ? ports.reserve(workDir + " " + instance.name()) : 0;
            if (instance.port > 0) {
                ports.renew(instance.port, workDir + " " + instance.name());
            }
            instance.restarts = entry == null ? 0 : entry.restarts();
            instance.handle = entry == null ? null : entry.running().orElse(null);
            found.add(instance.name() + (instance.handle != null ? " runs (pid " + instance.handle.pid() + ")" : " is gone"));
        }
        context.log().line("release " + release.releaseId() + " taken over: " + String.join(", ", found));
        supervisor.supervise(new SupervisedRelease(workDir, new Launcher(context.sandbox(), artifact.root(),
                artifact.runtimeEnv(context.env()), workDir), instances, context.processes(), settings.restart(), ports));
    }

    @Override
    public void stop(DeploymentInfo release, StageContext context) throws StageException {
        String workDir = release.attributes().get("workDir");
        SupervisedRelease supervised = workDir == null ? null : supervisor.release(Path.of(workDir));
        try {
            ReleaseProcess.stop(release, context.log(), new PortReservations(ProcessSettings.from(context.config()),
                    clock));
        } finally {
            if (supervised != null) {
                supervisor.stopped(supervised);
            }
        }
    }

    private static String format(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
