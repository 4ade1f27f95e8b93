package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post_deploy hook that never ends is killed at its timeout, with what it started; the deployment
 * rolls back, the previous release serves, and nothing of the hook is left running.
 */
@ExtendWith(SlipwayStack.class)
class HangingHookIT {

    /** Odd lengths, so no other process on the machine is taken for the hook's. */
    private static final List<String> HOOK_PROCESSES = List.of("sleep 617", "sleep 618");

    private final Api api = SlipwayStack.api();

    @Test
    void aHangingHookIsKilledAtItsTimeoutAndTheDeploymentRollsBackLeavingNoOrphan(@TempDir Path dir) throws Exception {
        api.createApp("hanging-hook");
        assertEquals("SUCCEEDED", api.deploy("hanging-hook", Apps.python(dir, "steady", null)).state());

        Files.writeString(dir.resolve("VERSION"), "hung\n");
        // One sleep in the background, one in the foreground: the timeout must take both.
        Files.writeString(dir.resolve("slipway.toml"), "[hooks]\npost_deploy = \"sleep 617 & sleep 618\"\n");
        Api.Outcome hung = api.deploy("hanging-hook", dir);

        assertEquals("ROLLED_BACK", hung.state(), () -> hung.deployment().toString());
        String error = hung.deployment().get("error").asText();
        assertTrue(error.contains("did not finish within " + SlipwayStack.HOOK_TIMEOUT.toSeconds() + " s")
                && error.contains("rolled back to the previous release"), error);
        assertTrue(api.viaProxy("hanging-hook.localhost").body().contains("Version: steady"));
        int hungPort = Apps.deployedPort(hung);
        assertTrue(Apps.eventually(() -> !Apps.listening(hungPort)), "the rolled-back release still runs");
        List<String> left = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> HOOK_PROCESSES.stream().anyMatch(line::contains)).toList();
        assertEquals(List.of(), left, "the hook's processes outlived its timeout");
    }
}
