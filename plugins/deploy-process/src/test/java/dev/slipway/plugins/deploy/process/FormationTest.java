package dev.slipway.plugins.deploy.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormationTest {

    private static final BuildArtifact ARTIFACT = new BuildArtifact(BuildArtifact.PROCESS, Path.of("/srv/app"),
            Map.of("web", "serve", "worker", "work", "clock", "tick", "release", "migrate"), Map.of(), List.of(),
            "native", "test");

    @Test
    void everyTypeRunsOnceWebFirstAndTheReleasePhaseNever() throws Exception {
        assertEquals(List.of("web.1", "clock.1", "worker.1"), names(Formation.instances(ARTIFACT, null)));
    }

    @Test
    void theFormationSaysHowManyOfEachType() throws Exception {
        assertEquals(List.of("web.1", "web.2", "web.3", "worker.1", "worker.2"),
                names(Formation.instances(ARTIFACT, Map.of("web", 3, "worker", 2, "clock", 0))));
    }

    @Test
    void webZeroIsRefused() {
        StageException e = assertThrows(StageException.class, () -> Formation.instances(ARTIFACT, Map.of("web", 0)));
        assertTrue(e.getMessage().startsWith("the formation has web=0"), e.getMessage());
    }

    private static List<String> names(List<Instance> instances) {
        return instances.stream().map(Instance::name).toList();
    }
}
