package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A failure that another attempt would not mend fails at once; a retryable one is retried and succeeds. */
@ExtendWith(SlipwayStack.class)
class StageRetryIT {

    private final Api api = SlipwayStack.api();

    @Test
    void aMissingPackageJsonFailsTheDeploymentAtOnceWithOneAttempt(@TempDir Path dir) throws Exception {
        api.createApp("no-package");
        Files.writeString(dir.resolve("slipway.toml"), "[build]\ntoolchain = \"node\"\n");
        Files.writeString(dir.resolve("index.html"), "<p>no package.json here</p>");

        Api.Outcome outcome = api.deploy("no-package", dir);

        assertEquals("FAILED", outcome.state(), () -> outcome.deployment().toString());
        assertEquals(1, outcome.deployment().get("attempt").asInt());
        JsonNode failed = only(outcome.events(), "BuildFailed");
        assertFalse(failed.get("retryable").asBoolean(), failed::toString);
        assertTrue(failed.get("reason").asText().contains("npm install"), failed::toString);
        assertEquals(1, count(outcome.events(), "BuildStarted"), "one attempt: " + outcome.types());
        assertFalse(outcome.types().contains("StageTimedOut"), outcome.types()::toString);
    }

    @Test
    void aPackageRegistryTimeoutIsRetriedAndTheNextAttemptSucceeds(@TempDir Path dir) throws Exception {
        api.createApp("registry-blip");
        Api.Outcome outcome = api.deploy("registry-blip", registryBlip(dir));

        assertEquals("SUCCEEDED", outcome.state(), () -> outcome.deployment().toString());
        JsonNode failed = only(outcome.events(), "BuildFailed");
        assertEquals(1, failed.get("attempt").asInt());
        assertTrue(failed.get("retryable").asBoolean(), failed::toString);
        assertTrue(failed.get("reason").asText().contains("the package registry could not be reached"),
                failed::toString);
        assertEquals(2, only(outcome.events(), "Built").get("attempt").asInt(), "attempt 2 built it");
        assertEquals(1, count(outcome.events(), "Deployed"));
        assertTrue(Files.exists(Apps.home("registry-blip").resolve("registry-failed-once")), "the first install failed");
        assertTrue(api.viaProxy("registry-blip.localhost").body().contains("installed on the second attempt"));
        assertTrue(api.logs(outcome.id()).stream().anyMatch(line -> line.contains("build failed (retryable")),
                "the stage log says it is retried");
    }

    /**
     * A Node app without dependencies whose {@code preinstall} script fails the first install as npm does
     * when the registry times out (a marker in the app's HOME remembers), within {@code [retry]} attempts.
     */
    private static Path registryBlip(Path dir) throws Exception {
        Files.writeString(dir.resolve("package.json"), """
                {"name": "registry-blip", "version": "1.0.0", "private": true,
                 "scripts": {"preinstall": "node fail-once.js", "start": "node server.js"}}
                """);
        Files.writeString(dir.resolve("fail-once.js"), """
                const fs = require('fs');
                const marker = require('path').join(process.env.HOME, 'registry-failed-once');
                if (!fs.existsSync(marker)) {
                  fs.writeFileSync(marker, '');
                  console.error('npm error code ETIMEDOUT');
                  console.error('npm error network request to https://registry.npmjs.org/left-pad failed');
                  process.exit(1);
                }
                """);
        Files.writeString(dir.resolve("server.js"), """
                require('http').createServer((req, res) => res.end('installed on the second attempt\\n'))
                  .listen(Number(process.env.PORT), '127.0.0.1');
                """);
        Files.writeString(dir.resolve("slipway.toml"), "[retry]\nattempts = 2\nbackoff = \"1s\"\n");
        return dir;
    }

    private static JsonNode only(List<Api.Event> events, String type) {
        List<Api.Event> found = events.stream().filter(e -> e.type().equals(type)).toList();
        assertEquals(1, found.size(), "one " + type + ": " + events);
        return found.get(0).data();
    }

    private static long count(List<Api.Event> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }
}
