package dev.slipway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.Deployed;
import dev.slipway.api.event.SlipwayEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final UUID id = UUID.randomUUID();
    private final BuildArtifact artifact = new BuildArtifact(BuildArtifact.PROCESS, Path.of("/srv/builds/hello/1"),
            Map.of("web", "node server.js"), Map.of("NODE_ENV", "production"), List.of("node_modules/.bin"), "native",
            "node");

    @Test
    void everyKindOfFieldSurvivesTheRoundTrip() throws Exception {
        for (SlipwayEvent event : List.of(
                new Built(id, "hello", 1, artifact),
                new DeployRequested(id, "hello", 2, artifact, AppConfig.empty()),
                new Deployed(id, "hello", 1, DeploymentInfo.upstream("hello", id.toString(), "process", "127.0.0.1",
                        20001, Map.of("pid", "42"))))) {
            assertEquals(event, EventCodec.decode(event.type(), EventCodec.encode(event)));
        }
    }

    @Test
    void unknownTypesAndBadBodiesAreMalformedNotCrashes() {
        assertThrows(EventCodec.MalformedMessageException.class, () -> EventCodec.decode("dev.slipway.Nope", "{}"));
        assertThrows(EventCodec.MalformedMessageException.class, () -> EventCodec.decode("dev.slipway.Built", "[1,"));
        assertThrows(EventCodec.MalformedMessageException.class,
                () -> EventCodec.decode("dev.slipway.Built", "{\"deploymentId\":\"x\"}"));
    }
}
