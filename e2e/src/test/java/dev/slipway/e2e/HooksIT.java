package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * post_deploy runs before a release counts as live, and rolls it back when it fails or hangs past its
 * timeout; pre_stop runs before a stop; the release phase runs before a release starts, and keeps a
 * failing one from starting.
 */
@ExtendWith(SlipwayStack.class)
class HooksIT {

    private static final String HOOKS = """
            [healthcheck]
            path = "/healthz"
            [hooks]
            post_deploy = "echo migrating; cat VERSION > $HOME/migrated.txt"
            pre_stop = "echo draining; cat VERSION >> $HOME/drained.txt"
            """;

    private final Api api = SlipwayStack.api();

    @Test
    void postDeployRunsBeforeSuccessAndPreStopRunsWhenTheReleaseIsReplaced(@TempDir Path dir) throws Exception {
        api.createApp("hooks");
        Api.Outcome first = api.deploy("hooks", Apps.python(dir, "first", HOOKS));

        assertEquals("SUCCEEDED", first.state(), () -> first.deployment().toString());
        assertTrue(first.types().indexOf("HookCompleted") > first.types().indexOf("ProxyConfigured"), first.types()::toString);
        Path home = Apps.home("hooks");
        assertEquals("first\n", Files.readString(home.resolve("migrated.txt")));

        Files.writeString(dir.resolve("VERSION"), "second\n");
        Api.Outcome second = api.deploy("hooks", dir);

        assertEquals("SUCCEEDED", second.state());
        assertTrue(Apps.eventually(() -> read(home.resolve("drained.txt")).equals("first\n")),
                "the replaced release's pre_stop did not run");
        assertEquals("second\n", Files.readString(home.resolve("migrated.txt")));
        assertTrue(api.viaProxy("hooks.localhost").body().contains("Version: second"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void aFailingPostDeployRollsBackToThePreviousRelease(@TempDir Path dir) throws Exception {
        String error = rolledBack("rollback", dir, "echo cannot migrate; exit 3");

        assertTrue(error.contains("post_deploy hook failed") && error.contains("exit code 3"), error);
    }

    @Test
    void aHangingPostDeployIsKilledAtItsTimeoutWithWhatItStartedAndRollsBack(@TempDir Path dir) throws Exception {
        // One sleep in the background, one in the foreground: the timeout must take both. Odd lengths, so
        // no other process on the machine is taken for the hook's.
        String error = rolledBack("hanging-hook", dir, "sleep 617 & sleep 618");

        assertTrue(error.contains("did not finish within " + SlipwayStack.HOOK_TIMEOUT.toSeconds() + " s"), error);
        List<String> left = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains("sleep 617") || line.contains("sleep 618")).toList();
        assertEquals(List.of(), left, "the hook's processes outlived its timeout");
    }

    @Test
    void theReleasePhaseRunsBeforeTheReleaseStartsAndItsFailureKeepsThePreviousOneServing(@TempDir Path dir)
            throws Exception {
        api.createApp("release-phase");
        Apps.python(dir, "first", null);
        Files.writeString(dir.resolve("Procfile"), "web: python app.py\nrelease: cat VERSION >> $HOME/released.txt\n");
        Api.Outcome first = api.deploy("release-phase", dir);

        assertEquals("SUCCEEDED", first.state(), () -> first.deployment().toString());
        assertEquals("first\n", Files.readString(Apps.home("release-phase").resolve("released.txt")), "run once");
        assertTrue(first.types().indexOf("HookCompleted") < first.types().indexOf("Deployed"), first.types()::toString);

        Files.writeString(dir.resolve("VERSION"), "second\n");
        Files.writeString(dir.resolve("Procfile"), "web: python app.py\n"
                + "release: echo migrating; echo 'relation users does not exist' >&2; exit 4\n");
        Api.Outcome bad = api.deploy("release-phase", dir);

        assertEquals("FAILED", bad.state(), () -> bad.deployment().toString());
        String error = bad.deployment().get("error").asText();
        assertTrue(error.contains("the release phase failed, so the release was not started")
                && error.contains("exit code 4") && error.contains("relation users does not exist"), error);
        assertFalse(bad.types().contains("Deployed"), bad.types()::toString);
        assertTrue(api.viaProxy("release-phase.localhost").body().contains("Version: first"));
    }

    /**
     * Deploys a good release of {@code app}, then one whose post_deploy runs {@code hook}: that one is
     * rolled back, the good one serves, the bad one no longer runs. Returns the deployment's error.
     */
    private String rolledBack(String app, Path dir, String hook) throws Exception {
        api.createApp(app);
        assertEquals("SUCCEEDED", api.deploy(app, Apps.python(dir, "good", null)).state());

        Files.writeString(dir.resolve("VERSION"), "bad\n");
        Files.writeString(dir.resolve("slipway.toml"), "[hooks]\npost_deploy = \"" + hook + "\"\n");
        Api.Outcome bad = api.deploy(app, dir);

        assertEquals("ROLLED_BACK", bad.state(), () -> bad.deployment().toString());
        String error = bad.deployment().get("error").asText();
        assertTrue(error.contains("rolled back to the previous release"), error);
        assertTrue(api.viaProxy(app + ".localhost").body().contains("Version: good"));
        int badPort = Apps.deployedPort(bad);
        assertTrue(Apps.eventually(() -> !Apps.listening(badPort)), "the rolled-back release still runs");
        return error;
    }
}
