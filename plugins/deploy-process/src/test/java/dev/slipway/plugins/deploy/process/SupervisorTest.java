package dev.slipway.plugins.deploy.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.Commands;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.testkit.FakeStageContext;
import dev.slipway.api.testkit.RecordingMonitor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (python3's http.server) crashing, started again, given up on, and taken over by another deployer. */
class SupervisorTest {

    private static final String SERVE = "exec python3 -u -m http.server \"$PORT\" --bind 127.0.0.1";

    @TempDir
    Path root;
    @TempDir
    Path workDir;

    private FakeStageContext context(String web, RecordingMonitor monitor) {
        return TestDeployContext.of(workDir, TestDeployContext.artifact(root, web, List.of()), null,
                Duration.ofSeconds(20)).processes(monitor);
    }

    @Test
    void aKilledProcessIsReportedAndStartedAgainOnItsPort() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor();
        ProcessDeployer deployer = new ProcessDeployer();
        FakeStageContext context = context(SERVE, monitor);
        DeploymentInfo release = deployer.deploy(context);
        long first = Long.parseLong(release.attributes().get("pid"));

        ProcessHandle.of(first).orElseThrow().destroyForcibly(); // kill -9

        RecordingMonitor.Report crash = monitor.await(r -> r.kind().equals("crashed"), 20);
        assertEquals("web.1", crash.process());
        assertEquals(128 + 9, crash.exitCode());
        assertEquals(Duration.ZERO, crash.restartIn());
        RecordingMonitor.Report again = monitor.await(r -> r.kind().equals("started") && r.restarts() == 1, 20);
        assertNotEquals(first, again.pid());
        assertEquals(Long.toString(again.pid()), Files.readAllLines(workDir.resolve("web.1.pid")).get(0));
        assertEquals(200, get(release.upstreamPort()), "served again on the same port");

        deployer.stop(release, context);

        assertFalse(ProcessHandle.of(again.pid()).map(Commands::running).orElse(false));
        assertTrue(monitor.reports().stream().anyMatch(r -> r.kind().equals("stopped")), monitor.reports()::toString);
    }

    @Test
    void whatAKilledShellLeavesBehindIsKilledBeforeItStartsAgain() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor();
        ProcessDeployer deployer = new ProcessDeployer();
        // Not the shell's last command: it stays the parent of the server, which a kill of it orphans.
        FakeStageContext context = context("python3 -u -m http.server \"$PORT\" --bind 127.0.0.1; echo done", monitor);
        DeploymentInfo release = deployer.deploy(context);
        ProcessHandle shell = ProcessHandle.of(Long.parseLong(release.attributes().get("pid"))).orElseThrow();
        List<ProcessHandle> server = shell.descendants().toList();
        assertFalse(server.isEmpty(), "the server is the shell's child");

        shell.destroyForcibly();

        RecordingMonitor.Report again = monitor.await(r -> r.kind().equals("started") && r.restarts() == 1, 20);
        assertTrue(server.stream().noneMatch(Commands::running), "the orphaned server was killed");
        assertEquals(200, get(release.upstreamPort()), "its port was free for the new one");
        deployer.stop(release, context);
        assertFalse(ProcessHandle.of(again.pid()).map(Commands::running).orElse(false));
    }

    @Test
    void whatEachProcessPrintsIsReportedInOrderFromItsStartOnAcrossARestart() throws Exception {
        Files.writeString(workDir.resolve("web.1.log"), "a line of an earlier attempt\n");
        RecordingMonitor monitor = new RecordingMonitor();
        ProcessDeployer deployer = new ProcessDeployer();
        FakeStageContext context = context("echo first; echo second; " + SERVE, monitor);
        DeploymentInfo release = deployer.deploy(context);

        monitor.await(r -> monitor.output("web.1").contains("second"), 20);
        ProcessHandle.of(Long.parseLong(release.attributes().get("pid"))).orElseThrow().destroyForcibly();
        monitor.await(r -> r.kind().equals("started") && r.restarts() == 1, 20);
        monitor.await(r -> echoed(monitor).size() == 4, 20);

        List<String> lines = monitor.output("web.1");
        assertEquals(List.of("first", "second", "first", "second"), echoed(monitor), "printed again after the restart: "
                + lines);
        assertFalse(lines.contains("a line of an earlier attempt"));
        deployer.stop(release, context);
    }

    @Test
    void whatAProcessPrintsAsItIsStoppedIsReportedBeforeItsEnd() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor();
        ProcessDeployer deployer = new ProcessDeployer();
        // The server itself says goodbye on SIGTERM: a shell's trap would race its child's end.
        FakeStageContext context = context("""
                exec python3 -u -c 'import http.server, os, signal
                def bye(*ignored):
                    print("goodbye-on-term", flush=True)
                    os._exit(0)
                signal.signal(signal.SIGTERM, bye)
                http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])),
                                       http.server.SimpleHTTPRequestHandler).serve_forever()'
                """, monitor);
        DeploymentInfo release = deployer.deploy(context);

        deployer.stop(release, context);

        assertTrue(monitor.output("web.1").contains("goodbye-on-term"), monitor.reports()::toString);
        List<String> kinds = monitor.reports().stream().map(RecordingMonitor.Report::kind).toList();
        assertEquals("stopped", kinds.get(kinds.size() - 1), "its end comes after its last words");
    }

    private static List<String> echoed(RecordingMonitor monitor) {
        return monitor.output("web.1").stream().filter(l -> l.equals("first") || l.equals("second")).toList();
    }

    @Test
    void aProcessThatKeepsCrashingEndsWithTheReleaseCrashed() throws Exception {
        Path ranOnce = workDir.resolve("ran-once");
        String web = "if [ -e '" + ranOnce + "' ]; then echo 'boom: no database'; exit 4; fi; touch '" + ranOnce
                + "'; " + SERVE;
        RecordingMonitor monitor = new RecordingMonitor();
        ProcessDeployer deployer = new ProcessDeployer();
        FakeStageContext context = context(web, monitor).config("crash-limit", "3");
        DeploymentInfo release = deployer.deploy(context);

        ProcessHandle.of(Long.parseLong(release.attributes().get("pid"))).orElseThrow().destroyForcibly();

        RecordingMonitor.Report gaveUp = monitor.await(r -> r.kind().equals("releaseCrashed"), 30);
        assertTrue(gaveUp.reason().startsWith("web.1 crashed 3 times within 300 s"), gaveUp.reason());
        List<RecordingMonitor.Report> crashes = monitor.reports().stream().filter(r -> r.kind().equals("crashed")).toList();
        assertEquals(3, crashes.size(), crashes::toString);
        RecordingMonitor.Report last = crashes.get(2);
        assertEquals(4, last.exitCode());
        assertNull(last.restartIn(), "not started again");
        assertEquals("boom: no database", last.lastLines().get(last.lastLines().size() - 1));
        deployer.stop(release, context);
    }

    @Test
    void whatAProcessPrintsWhileNoWorkerWatchesIsReportedByTheOneThatTakesItOver() throws Exception {
        String ticking = "(i=0; while true; do echo \"tick $i\"; i=$((i+1)); sleep 0.1; done) & " + SERVE;
        RecordingMonitor before = new RecordingMonitor();
        ProcessDeployer died = new ProcessDeployer();
        DeploymentInfo release = died.deploy(context(ticking, before));
        before.await(r -> ticks(before).size() >= 3, 20);
        died.supervisor.forget(Path.of(release.attributes().get("workDir"))); // its worker is gone
        Thread.sleep(1000); // ticks nobody reads

        RecordingMonitor after = new RecordingMonitor();
        ProcessDeployer restarted = new ProcessDeployer();
        FakeStageContext context = context(ticking, after);
        restarted.adopt(release, context);
        after.await(r -> !ticks(after).isEmpty(), 20);

        List<Integer> seen = ticks(before);
        assertEquals(seen.get(seen.size() - 1) + 1, ticks(after).get(0), "no tick lost between the two: " + seen
                + " then " + ticks(after));
        restarted.stop(release, context);
    }

    private static List<Integer> ticks(RecordingMonitor monitor) {
        return monitor.output("web.1").stream().filter(l -> l.startsWith("tick "))
                .map(l -> Integer.parseInt(l.substring(5))).toList();
    }

    @Test
    void aDeployerThatStartsAgainAdoptsTheRunningProcessInsteadOfStartingAnother() throws Exception {
        ProcessDeployer died = new ProcessDeployer();
        DeploymentInfo release = died.deploy(context(SERVE, new RecordingMonitor()));
        died.supervisor.forget(Path.of(release.attributes().get("workDir"))); // as if its worker were gone
        long pid = Long.parseLong(release.attributes().get("pid"));

        RecordingMonitor monitor = new RecordingMonitor();
        ProcessDeployer restarted = new ProcessDeployer();
        FakeStageContext context = context(SERVE, monitor);
        restarted.adopt(release, context);

        RecordingMonitor.Report found = monitor.await(r -> r.kind().equals("started"), 20);
        assertEquals(pid, found.pid(), "the running process, not a second one");
        assertEquals(0, found.restarts());
        restarted.adopt(release, context);
        assertEquals(1, monitor.reports().size(), "adopted once: " + monitor.reports());

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        RecordingMonitor.Report crash = monitor.await(r -> r.kind().equals("crashed"), 20);
        assertNull(crash.exitCode(), "not its child: the exit code is unknown");
        RecordingMonitor.Report again = monitor.await(r -> r.kind().equals("started") && r.restarts() == 1, 20);
        assertEquals(200, get(release.upstreamPort()));
        restarted.stop(release, context);
        assertFalse(ProcessHandle.of(again.pid()).map(Commands::running).orElse(false));
    }

    @Test
    void aReleaseFoundDeadIsStartedAgainAndOneStoppedIsLeftAlone() throws Exception {
        ProcessDeployer died = new ProcessDeployer();
        DeploymentInfo release = died.deploy(context(SERVE, new RecordingMonitor()));
        died.supervisor.forget(Path.of(release.attributes().get("workDir")));
        ReleaseProcess.kill(ProcessHandle.of(Long.parseLong(release.attributes().get("pid"))).orElseThrow());

        RecordingMonitor monitor = new RecordingMonitor();
        ProcessDeployer restarted = new ProcessDeployer();
        FakeStageContext context = context(SERVE, monitor);
        restarted.adopt(release, context);

        RecordingMonitor.Report again = monitor.await(r -> r.kind().equals("started"), 20);
        assertEquals(1, again.restarts());
        assertEquals(200, get(release.upstreamPort()));
        restarted.stop(release, context);

        RecordingMonitor later = new RecordingMonitor();
        new ProcessDeployer().adopt(release, context(SERVE, later));
        assertTrue(later.reports().isEmpty(), "a stopped release is not adopted: " + later.reports());
    }

    private static int get(int port) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException e) {
                if (i == 50) {
                    throw e;
                }
                Thread.sleep(200); // started again, not listening yet
            }
        }
    }
}
