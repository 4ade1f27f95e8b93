package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** New releases replace old ones; a broken one never replaces anything. */
@ExtendWith(SlipwayStack.class)
class ReleasesIT {

    private final Api api = SlipwayStack.api();

    @Test
    void aSecondReleaseIsServedAndTheFirstIsStopped(@TempDir Path dir) throws Exception {
        api.createApp("releases");
        Api.Outcome first = api.deploy("releases", Apps.python(dir, "first", null));
        assertEquals("SUCCEEDED", first.state(), () -> first.deployment().toString());
        assertTrue(api.viaProxy("releases.localhost").body().contains("Version: first"));

        Files.writeString(dir.resolve("VERSION"), "second\n");
        Api.Outcome second = api.deploy("releases", dir);

        assertEquals("SUCCEEDED", second.state(), () -> second.deployment().toString());
        assertEquals(2, second.deployment().get("release").asInt());
        assertTrue(api.viaProxy("releases.localhost").body().contains("Version: second"));
        int firstPort = Apps.deployedPort(first);
        assertTrue(Apps.eventually(() -> !Apps.listening(firstPort)), "the replaced release still listens on " + firstPort);
    }

    @Test
    void aBrokenReleaseFailsWithItsReasonAndTheEarlierOneKeepsServing(@TempDir Path dir) throws Exception {
        api.createApp("broken");
        assertEquals("SUCCEEDED", api.deploy("broken", Apps.python(dir, "good", null)).state());

        Files.writeString(dir.resolve("app.py"), "import time\nprint('up, but never listening', flush=True)\n"
                + "time.sleep(3600)\n");
        Files.writeString(dir.resolve("slipway.toml"), "[healthcheck]\ntimeout = \"3s\"\n");
        Api.Outcome broken = api.deploy("broken", dir);

        assertEquals("FAILED", broken.state());
        String error = broken.deployment().get("error").asText();
        assertTrue(error.startsWith("deploy: ") && error.contains("health check"), error);
        assertEquals("DeploymentFailed", broken.types().get(broken.types().size() - 1));
        assertTrue(api.viaProxy("broken.localhost").body().contains("Version: good"));
        assertFalse(anyAlive(SlipwayStack.HOME.resolve("releases/broken").resolve(broken.id()).resolve("1")),
                "the broken release left a process running");
    }

    /** Whether the pid recorded in the release directory still runs. */
    private static boolean anyAlive(Path releaseDir) throws IOException {
        Path pidFile = releaseDir.resolve("web.1.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
