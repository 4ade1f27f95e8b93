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
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the artifact's {@code web} process on the host, in the app's sandbox, on a free port, and
 * returns once it answers. Its output goes to a file, not to the worker, so the app outlives a
 * restart of the worker that started it.
 */
public final class ProcessDeployer implements Deployer {

    static final String LOG = "web.log";
    static final String PID = "web.pid";
    private static final int TAIL_LINES = 20;

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
                new Setting("advertise-host", Setting.Type.STRING, "127.0.0.1", "address the proxy reaches releases on"));
    }

    @Override
    public DeploymentInfo deploy(DeployContext context) throws StageException {
        BuildArtifact artifact = context.artifact();
        String web = artifact.processes().get("web");
        if (web == null) {
            throw new StageException("no web process: add [run] web = \"…\" to slipway.toml or a Procfile line"
                    + " `web: …` (the " + artifact.toolchain() + " toolchain has no default for this app)");
        }
        ProcessSettings settings = ProcessSettings.from(context.config());
        int port = Ports.firstFree(settings);
        Path log = context.workDir().resolve(LOG).toAbsolutePath();
        try {
            Files.createDirectories(context.workDir());
            WebLog output = new WebLog(log);
            context.log().line("starting web on port " + port + ": " + web);
            Process process = context.sandbox().start(List.of("/bin/sh", "-c", web), artifact.root(),
                    ProcessEnvironment.of(context.env(), artifact, port), log);
            Files.writeString(context.workDir().resolve(PID), process.pid() + "\n");
            awaitHealthy(context, process, port, output);
            long startedAt = ReleaseProcess.startedAt(process.toHandle());
            context.log().line("web is healthy on port " + port + " (pid " + process.pid() + ")");
            return DeploymentInfo.upstream(context.app(), context.deploymentId().toString(), name(),
                    settings.advertiseHost(), port, Map.of("pid", Long.toString(process.pid()),
                            "startedAt", Long.toString(startedAt), "log", log.toString(),
                            "workDir", context.workDir().toAbsolutePath().toString()));
        } catch (IOException e) {
            throw new StageException("the web process could not be started in " + artifact.root() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Polls until the process answers; on any failure nothing of it is left running. */
    private void awaitHealthy(DeployContext context, Process process, int port, WebLog output) throws StageException {
        Duration timeout = context.appConfig().healthcheck().timeout();
        HealthProbe probe = new HealthProbe(port, context.appConfig().healthcheck().path());
        long deadline = System.nanoTime() + timeout.toNanos();
        String problem = "not probed yet";
        while (System.nanoTime() < deadline) {
            output.copyNewLines(context.log());
            if (!process.isAlive()) {
                output.copyNewLines(context.log());
                throw new StageException("the web process " + Commands.describeExit(process.exitValue())
                        + " before it answered on port " + port + "; last output:\n" + output.tail(TAIL_LINES));
            }
            problem = probe.problem();
            if (problem == null) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                ReleaseProcess.kill(process.toHandle());
                Thread.currentThread().interrupt();
                throw new StageException("deploy interrupted while waiting for the web process", e);
            }
        }
        ReleaseProcess.kill(process.toHandle());
        output.copyNewLines(context.log());
        throw new StageException("health check failed: " + problem + " within " + format(timeout)
                + " ([healthcheck] timeout); last output:\n" + output.tail(TAIL_LINES));
    }

    @Override
    public void stop(DeploymentInfo release, StageContext context) throws StageException {
        ReleaseProcess.stop(release, context.log());
    }

    private static String format(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
