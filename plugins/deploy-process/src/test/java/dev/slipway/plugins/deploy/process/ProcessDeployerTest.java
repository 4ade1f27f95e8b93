package dev.slipway.plugins.deploy.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.Commands;
import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.StageException;
import dev.slipway.api.testkit.FakeStageContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes: python3's http.server, sh, sleep. */
class ProcessDeployerTest {

    @TempDir
    Path root;
    @TempDir
    Path workDir;

    private final ProcessDeployer deployer = new ProcessDeployer();

    @Test
    void aWebServerBecomesHealthyAndStopEndsIt() throws Exception {
        // A script found through the artifact's path entry proves PATH is prepended.
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.writeString(bin.resolve("serve"), "#!/bin/sh\necho \"$GREETING on $PORT\"\n"
                + "exec python3 -u -m http.server \"$PORT\" --bind 127.0.0.1\n");
        Files.setPosixFilePermissions(bin.resolve("serve"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("index.html"), "<h1>served</h1>");
        FakeStageContext context = TestDeployContext.of(workDir,
                TestDeployContext.artifact(root, "serve", List.of("bin")), "/", Duration.ofSeconds(20));

        DeploymentInfo release = deployer.deploy(context);

        assertEquals("127.0.0.1", release.upstreamHost());
        int port = release.upstreamPort();
        assertTrue(port >= 31000 && port <= 31999, "port from the range: " + port);
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("<h1>served</h1>", page.body());
        long pid = Long.parseLong(release.attributes().get("pid"));
        assertEquals(pid + "\n", Files.readAllLines(workDir.resolve("web.1.pid")).get(0) + "\n");
        assertTrue(Files.readString(workDir.resolve("web.1.log")).contains("hello on " + port));
        assertTrue(context.lines().contains("web.1: hello on " + port), "web output is copied to the stage log");

        deployer.stop(release, context);

        assertFalse(ProcessHandle.of(pid).map(Commands::running).orElse(false), "stopped");
        deployer.stop(release, context); // already gone: not an error
    }

    @Test
    void everyProcessOfTheFormationRunsWebOnesOnPortsOfTheirOwn() throws Exception {
        Files.writeString(root.resolve("index.html"), "<h1>served</h1>");
        BuildArtifact artifact = new BuildArtifact(BuildArtifact.PROCESS, root, Map.of(
                "web", "exec python3 -u -m http.server \"$PORT\" --bind 127.0.0.1",
                "worker", "echo \"worker has PORT=[${PORT:-}]\"; exec sleep 300"), Map.of(), List.of(), "native", "test");
        FakeStageContext context = TestDeployContext.of(workDir, artifact, "/", Duration.ofSeconds(20));
        context.appConfig(context.appConfig().withFormation(Map.of("web", 2)));

        DeploymentInfo release = deployer.deploy(context);

        assertEquals(2, release.upstreams().size());
        assertNotEquals(release.upstreams().get(0).port(), release.upstreams().get(1).port());
        for (DeploymentInfo.Upstream web : release.upstreams()) {
            assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + web.port() + "/")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        long worker = Long.parseLong(Files.readAllLines(workDir.resolve("worker.1.pid")).get(0));
        assertTrue(ProcessHandle.of(worker).map(Commands::running).orElse(false));
        assertTrue(Files.readString(workDir.resolve("worker.1.log")).contains("worker has PORT=[]"), "no port");

        deployer.stop(release, context);

        assertFalse(ProcessHandle.of(worker).map(Commands::running).orElse(false), "every process stopped");
    }

    @Test
    void aWebProcessThatNeverListensTimesOutAndLeavesNothingRunning() throws Exception {
        FakeStageContext context = TestDeployContext.of(workDir,
                TestDeployContext.artifact(root, "sleep 300 & echo child=$!; wait", List.of()), null, Duration.ofSeconds(2));

        StageException e = assertThrows(StageException.class, () -> deployer.deploy(context));

        assertTrue(e.getMessage().matches("(?s)health check failed: nothing answered on port \\d+ within 2 s.*"
                + "last output:\nchild=\\d+"), e.getMessage());
        Matcher child = Pattern.compile("child=(\\d+)").matcher(Files.readString(workDir.resolve("web.1.log")));
        assertTrue(child.find());
        long shell = Long.parseLong(Files.readAllLines(workDir.resolve("web.1.pid")).get(0));
        for (long pid : new long[] {shell, Long.parseLong(child.group(1))}) {
            assertFalse(ProcessHandle.of(pid).map(Commands::running).orElse(false), "pid " + pid + " is gone");
        }
    }

    @Test
    void aWebProcessThatExitsFailsFastWithItsOutput() throws Exception {
        FakeStageContext context = TestDeployContext.of(workDir,
                TestDeployContext.artifact(root, "echo 'Error: cannot find module server.js' >&2; exit 3", List.of()),
                null, Duration.ofSeconds(60));
        long start = System.nanoTime();

        StageException e = assertThrows(StageException.class, () -> deployer.deploy(context));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "did not wait for the timeout");
        assertTrue(e.getMessage().startsWith("the web process failed with exit code 3 before it answered on port"), e.getMessage());
        assertTrue(e.getMessage().endsWith("last output:\nError: cannot find module server.js"), e.getMessage());
    }

    @Test
    void aHealthPathThatFailsIsReported() throws Exception {
        FakeStageContext context = TestDeployContext.of(workDir,
                TestDeployContext.artifact(root, "exec python3 -m http.server $PORT --bind 127.0.0.1", List.of()),
                "/healthz", Duration.ofSeconds(10)); // python's start can take seconds on a busy machine

        StageException e = assertThrows(StageException.class, () -> deployer.deploy(context));

        assertTrue(e.getMessage().startsWith("health check failed: GET /healthz on port"), e.getMessage());
        assertTrue(e.getMessage().contains("answered 404 within 10 s"), e.getMessage());
    }

    @Test
    void noWebProcessSaysHowToDeclareOne() {
        FakeStageContext context = TestDeployContext.of(workDir, TestDeployContext.artifact(root, null, List.of()),
                null, Duration.ofSeconds(1));
        StageException e = assertThrows(StageException.class, () -> deployer.deploy(context));
        assertTrue(e.getMessage().startsWith("no web process: add [run] web = \"…\" to slipway.toml"), e.getMessage());
    }

    @Test
    void stopLeavesAProcessThatMerelyReusesThePidAlone() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "30").start();
        try {
            DeploymentInfo release = DeploymentInfo.upstream("demo", "r1", "process", "127.0.0.1", 31000,
                    Map.of("pid", Long.toString(stranger.pid()), "startedAt", "1000"));
            deployer.stop(release, TestDeployContext.of(workDir, TestDeployContext.artifact(root, "x", List.of()),
                    null, Duration.ofSeconds(1)));
            assertTrue(stranger.isAlive(), "a process started at another time is not the release");
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void invalidPortRangeIsExplained() {
        StageException e = assertThrows(StageException.class, () -> ProcessSettings.from(Map.of("port-range", "9-1")));
        assertTrue(e.getMessage().startsWith("process deployer setting port-range \"9-1\" is invalid"), e.getMessage());
    }
}
