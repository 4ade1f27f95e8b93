package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The app's node answers for the app: an answer that is not one gives no cache key. */
class NodeProjectTest {

    private static final String HASH = "ab".repeat(32);

    @Test
    void readsTheVersionTheLockFilesHashAndTheScripts() {
        NodeProject project = NodeProject.parse(List.of("node v20.11.1", "lock " + HASH, "script build", "script start"));

        assertEquals("v20.11.1", project.nodeVersion());
        assertEquals(Optional.of(HASH), project.lockHash());
        assertEquals(Set.of("build", "start"), project.scripts());
        assertFalse(project.runsInstallScripts());
    }

    @Test
    void aHashOrVersionThatIsNotOneGivesNoKey() {
        assertEquals(Optional.empty(), NodeProject.parse(List.of("node v20.11.1", "lock ../../etc")).lockHash());
        assertEquals(Optional.empty(), NodeProject.parse(List.of("node v20; rm -rf /", "lock " + HASH)).lockHash());
        assertEquals(Optional.empty(), NodeProject.parse(List.of("lock " + HASH)).lockHash());
        assertEquals("unknown", NodeProject.parse(List.of()).nodeVersion());
    }

    @Test
    void aScriptNpmCiRunsForTheProjectItselfIsSeen() {
        assertTrue(NodeProject.parse(List.of("node v20.11.1", "lock " + HASH, "script postinstall")).runsInstallScripts());
        assertTrue(NodeProject.parse(List.of("node v20.11.1", "script prepare")).runsInstallScripts());
    }
}
