package dev.slipway.orchestrator.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.api.BuildArtifact;
import dev.slipway.api.config.AppConfig;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.deployment.pipeline.Rebase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormationsTest {

    @Test
    void aScaleIsAppliedOverTheFormationOfTheReleaseServingOnItsTurn() {
        Deployment serving = release(Map.of("web", "serve", "worker", "work", "release", "migrate"),
                Map.of("web", 3));

        assertEquals(Map.of("web", 3, "worker", 1), Formations.of(serving, Map.of()),
                "every type but release, with its count or one");
        assertEquals(Map.of("web", 3, "worker", 2), Formations.of(serving, Map.of("worker", 2)));
        assertEquals(Map.of("web", 3, "worker", 1), Formations.of(serving, Map.of("clock", 1)),
                "a type the serving build no longer has is left out");
    }

    @Test
    void newCodeKeepsTheServedFormationAsItIs() {
        assertEquals(Map.of("web", 2), Formations.servedBy(release(Map.of("web", "serve"), Map.of("web", 2))));
        assertEquals(Map.of(), Formations.servedBy(release(Map.of("web", "serve"), null)),
                "a release from before formations runs one of each");
    }

    @Test
    void whatIsLeftToTheTurnSurvivesTheDatabase() {
        Rebase scale = Rebase.ofServing(Map.of("web", 2));
        assertEquals(scale, EventCodec.readStored(EventCodec.encode(scale), new TypeReference<Rebase>() { }));
    }

    private static Deployment release(Map<String, String> processes, Map<String, Integer> formation) {
        Deployment d = new Deployment();
        d.artifact = EventCodec.encode(new BuildArtifact(BuildArtifact.PROCESS, Path.of("/srv/a"), processes, Map.of(),
                List.of(), "native", "node"));
        d.config = EventCodec.encode(AppConfig.empty().withFormation(formation));
        return d;
    }
}
