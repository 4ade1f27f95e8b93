package dev.slipway.workers.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.DeployRequested;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release records a worker leaves, and who takes them over. */
class RunningReleasesTest {

    @TempDir
    Path releases;

    private Path release(UUID id) throws Exception {
        return Files.createDirectories(releases.resolve("demo").resolve(id.toString()).resolve("1"));
    }

    private static DeployRequested command(UUID id) {
        return new DeployRequested(id, "demo", 1, new BuildArtifact(BuildArtifact.PROCESS, Path.of("/srv/demo"),
                Map.of("web", "serve"), Map.of(), List.of(), "native", "test"),
                AppConfig.empty().withSealedEnv(Map.of("TOKEN", "sealed:v1:abc")));
    }

    @Test
    void aRecordNoWorkerHoldsIsTakenOverOnceAndGoesWithTheStop() throws Exception {
        UUID id = UUID.randomUUID();
        Path workDir = release(id);
        DeploymentInfo info = DeploymentInfo.upstream("demo", id.toString(), "process", "127.0.0.1", 20001,
                Map.of("workDir", workDir.toString()));
        // Written by a worker that is gone: its lock went with it.
        new RunningReleases(releases).record(workDir, command(id), info);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(workDir.resolve(RunningReleases.RECORD))));

        RunningReleases worker = new RunningReleases(releases);
        List<RunningReleases.Record> found = worker.unclaimed();

        assertEquals(1, found.size());
        assertEquals(info, found.get(0).release());
        assertEquals("sealed:v1:abc", found.get(0).command().config().sealedEnv().get("TOKEN"), "sealed, as it came");
        assertTrue(worker.unclaimed().isEmpty(), "held now: not taken twice");

        worker.forget("demo", id.toString());

        assertFalse(Files.exists(workDir.resolve(RunningReleases.RECORD)));
        assertTrue(worker.unclaimed().isEmpty(), "a stopped release is not taken over");
    }
}
