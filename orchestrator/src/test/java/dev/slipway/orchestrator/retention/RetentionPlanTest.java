package dev.slipway.orchestrator.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What retention may remove, and above all what it must not. */
class RetentionPlanTest {

    private static final UUID R1 = id(1), R2 = id(2), R3 = id(3), R4 = id(4), FAILED = id(5), RUNNING = id(6), BACK = id(7);

    @Test
    void keepsTheNewestReleasesAndRemovesOlderOnesAndFailures() {
        RetentionPlan.Pruned pruned = RetentionPlan.of(List.of(release(R1, 1), release(R2, 2), release(R3, 3),
                release(R4, 4), failed(FAILED)), R4, 2);
        assertEquals(List.of(R1, R2, FAILED), pruned.deployments());
        assertEquals(List.of("s1", "s2", "s5"), pruned.sources());
    }

    @Test
    void neverTheServingReleaseNorARunningDeployment() {
        // A rollback to release 1 serves it while releases 2-4 are newer.
        RetentionPlan.Pruned pruned = RetentionPlan.of(List.of(release(R1, 1), release(R2, 2), release(R3, 3),
                release(R4, 4), new RetentionPlan.Candidate(RUNNING, false, null, RUNNING, "s6")), R1, 1);
        assertEquals(List.of(R2, R3), pruned.deployments());
    }

    @Test
    void aRollbacksReleaseKeepsTheBuildAndSourceItReuses() {
        RetentionPlan.Candidate rollback = new RetentionPlan.Candidate(BACK, true, 5, R1, "s1");
        RetentionPlan.Pruned pruned = RetentionPlan.of(List.of(release(R1, 1), release(R2, 2), release(R3, 3),
                release(R4, 4), rollback), BACK, 2);
        assertEquals(List.of(R2, R3), pruned.deployments());
        assertEquals(List.of("s2", "s3"), pruned.sources());
    }

    @Test
    void buildDirectoriesAreFoundInTheArtifactsPath() {
        Path root = Path.of("/var/lib/slipway/builds/shop/" + R1 + "/2/site");
        assertEquals(R1, BuildDirs.deploymentOf(root, "shop"));
        assertNull(BuildDirs.deploymentOf(root, "other"));
        assertNull(BuildDirs.deploymentOf(Path.of("/var/lib/slipway/builds/shop/not-a-uuid/1"), "shop"));
        assertNull(BuildDirs.deploymentOf(null, "shop"));
    }

    private static RetentionPlan.Candidate release(UUID id, int version) {
        return new RetentionPlan.Candidate(id, true, version, id, "s" + id.getLeastSignificantBits());
    }

    private static RetentionPlan.Candidate failed(UUID id) {
        return new RetentionPlan.Candidate(id, true, null, id, "s" + id.getLeastSignificantBits());
    }

    private static UUID id(int n) {
        return new UUID(0, n);
    }
}
