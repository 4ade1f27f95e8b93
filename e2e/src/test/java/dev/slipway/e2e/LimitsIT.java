package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An app's [limits] hold for its hooks, and a breach fails the step saying which limit it was. */
@ExtendWith(SlipwayStack.class)
class LimitsIT {

    private final Api api = SlipwayStack.api();

    @Test
    void aHookPastTheAppsMemoryLimitIsKilledAndTheFailureNamesTheLimit(@TempDir Path dir) throws Exception {
        api.createApp("greedy");
        Api.Outcome outcome = api.deploy("greedy", Apps.python(dir, "greedy", """
                [limits]
                memory = "128M"
                [hooks]
                post_deploy = "python3 -c 'b = bytearray(512 * 1024 * 1024); print(len(b))'"
                """));

        assertEquals("FAILED", outcome.state(), () -> outcome.deployment().toString());
        String error = outcome.deployment().get("error").asText();
        assertTrue(error.contains("memory limit ([limits] memory)"), error);
    }

    @Test
    void anAppAskingAboveTheServersCeilingIsToldWhichSetting(@TempDir Path dir) throws Exception {
        api.createApp("hungry");
        Api.Outcome outcome = api.deploy("hungry", Apps.python(dir, "hungry", "[limits]\nmemory = \"900G\"\n"));

        assertEquals("FAILED", outcome.state(), () -> outcome.deployment().toString());
        String error = outcome.deployment().get("error").asText();
        assertTrue(error.contains("[limits] memory") && error.contains("slipway.limits.memory"), error);
    }
}
