package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Only the newest releases keep their files; older ones cannot be rolled back to. */
@ExtendWith(SlipwayStack.class)
class RetentionIT {

    private final Api api = SlipwayStack.api();

    @Test
    void releasesPastRetentionLoseTheirBuildsAndReleasesTheKeptOnesStay(@TempDir Path dir) throws Exception {
        api.createApp("retained");
        Files.copy(SlipwayStack.REPO.resolve("examples/static-hello/index.html"), dir.resolve("index.html"));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= SlipwayStack.KEPT_RELEASES + 1; i++) {
            Files.writeString(dir.resolve("slipway.toml"), "[build]\ntoolchain = \"static\"\n# " + i + "\n");
            Api.Outcome outcome = api.deploy("retained", dir);
            assertEquals("SUCCEEDED", outcome.state(), outcome::toString);
            ids.add(outcome.id());
        }
        Path builds = SlipwayStack.HOME.resolve("builds/retained");
        Path releases = SlipwayStack.HOME.resolve("releases/retained");

        assertTrue(Apps.eventually(() -> !Files.exists(builds.resolve(ids.get(0)))), "release 1's build is left");
        assertTrue(Apps.eventually(() -> !Files.exists(releases.resolve(ids.get(0)))), "release 1's release dir is left");
        for (String kept : ids.subList(1, ids.size())) {
            assertTrue(Files.isDirectory(builds.resolve(kept)), kept);
        }
        Api.Answer tooOld = api.rollback("retained", 1);
        assertEquals(409, tooOld.status(), tooOld::toString);
        assertTrue(tooOld.body().get("error").asText().contains("slipway.retention.releases"), tooOld::toString);
        Api.Answer kept = api.rollback("retained", 2);
        assertEquals(202, kept.status(), kept::toString);
        api.events(kept.body().get("id").asText());
        assertEquals("SUCCEEDED", api.get("/api/deployments/" + kept.body().get("id").asText()).body().get("state").asText());
    }
}
