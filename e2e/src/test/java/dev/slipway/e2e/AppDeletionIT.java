package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Deleting an app stops what serves it, takes it off the proxy and removes its files; its name is free again. */
@ExtendWith(SlipwayStack.class)
class AppDeletionIT {

    private final Api api = SlipwayStack.api();

    @Test
    void deletingAnAppStopsItsReleaseRunsPreStopRemovesItsRoutesAndItsFiles(@TempDir Path dir) throws Exception {
        api.createApp("doomed");
        // Outside the app's own directories, which go with it: /tmp is the one place every user may write.
        Path stopped = Path.of("/tmp", "slipway-e2e-doomed-" + System.nanoTime());
        Api.Outcome deployed = api.deploy("doomed", Apps.python(dir, "one",
                "[hooks]\npre_stop = \"echo bye > " + stopped + "\"\n"));
        assertEquals("SUCCEEDED", deployed.state());
        int port = Apps.deployedPort(deployed);
        assertTrue(Files.isDirectory(SlipwayStack.HOME.resolve("builds/doomed")));
        assertTrue(Files.isDirectory(SlipwayStack.HOME.resolve("releases/doomed")));
        assertTrue(Files.exists(SlipwayStack.HOME.resolve("sources/" + deployed.id() + ".tar.gz")));

        Api.Answer deleted = api.delete("/api/apps/doomed");

        assertEquals(202, deleted.status(), deleted::toString);
        assertEquals(404, api.get("/api/apps/doomed").status());
        assertTrue(Apps.eventually(() -> !Apps.listening(port)), "its release still runs");
        assertTrue(Apps.eventually(() -> Files.exists(stopped)), "pre_stop did not run before the stop");
        Files.deleteIfExists(stopped);
        assertTrue(Apps.eventually(() -> status("doomed.localhost") == 404), "nginx still routes it");
        // The files go last, after the stop was answered and the cleanup it asks for delivered.
        assertTrue(Apps.eventually(() -> !Files.exists(SlipwayStack.HOME.resolve("builds/doomed")), 90),
                "builds/doomed is left");
        assertTrue(Apps.eventually(() -> !Files.exists(SlipwayStack.HOME.resolve("releases/doomed"))), "releases/doomed is left");
        assertTrue(Apps.eventually(() -> !Files.exists(SlipwayStack.HOME.resolve("sources/" + deployed.id() + ".tar.gz"))),
                "its source archive is left");
        assertTrue(!Files.exists(SlipwayStack.HOME.resolve("nginx/conf.d/doomed.conf")));
        assertEquals(404, api.delete("/api/apps/doomed").status());
        assertEquals(201, api.createApp("doomed").status(), "the name is free again");
    }

    private int status(String host) {
        try {
            return api.viaProxy(host).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
