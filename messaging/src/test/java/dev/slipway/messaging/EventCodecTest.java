package dev.slipway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildStarted;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.Deployed;
import dev.slipway.api.event.HookCompleted;
import dev.slipway.api.event.PluginVersion;
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
                new DeployRequested(id, "hello", 2, artifact, AppConfig.empty(), Map.of("banner", "ab".repeat(32))),
                new BuildStarted(id, "hello", 1, "banner", "named in configuration",
                        new PluginVersion("banner", "1.0.0", "ab".repeat(32))),
                new HookCompleted(id, "hello", 1, "post_deploy", List.of(new PluginVersion("recorder", "2", null))),
                new Deployed(id, "hello", 1, DeploymentInfo.upstream("hello", id.toString(), "process", "127.0.0.1",
                        20001, Map.of("pid", "42"))))) {
            assertEquals(event, EventCodec.decode(event.type(), EventCodec.encode(event)));
        }
    }

    @Test
    void commandsAndFactsFromBeforePluginPinsReadAsHavingNone() throws Exception {
        String json = EventCodec.encode(new DeployRequested(id, "hello", 2, artifact, AppConfig.empty()))
                .replace(",\"pins\":{}", "");
        assertEquals(false, json.contains("pins"), json);
        assertEquals(Map.of(), ((DeployRequested) EventCodec.decode("dev.slipway.DeployRequested", json)).pins());
        BuildStarted started = (BuildStarted) EventCodec.decode("dev.slipway.BuildStarted", "{\"deploymentId\":\"" + id
                + "\",\"app\":\"hello\",\"attempt\":1,\"strategy\":\"native\",\"reason\":\"auto-detected\"}");
        assertEquals(null, started.plugin());
        HookCompleted completed = (HookCompleted) EventCodec.decode("dev.slipway.HookCompleted", "{\"deploymentId\":\""
                + id + "\",\"app\":\"hello\",\"attempt\":1,\"hook\":\"post_deploy\"}");
        assertEquals(List.of(), completed.plugins());
    }

    @Test
    void unknownTypesAndBadBodiesAreMalformedNotCrashes() {
        assertThrows(EventCodec.MalformedMessageException.class, () -> EventCodec.decode("dev.slipway.Nope", "{}"));
        assertThrows(EventCodec.MalformedMessageException.class, () -> EventCodec.decode("dev.slipway.Built", "[1,"));
        assertThrows(EventCodec.MalformedMessageException.class,
                () -> EventCodec.decode("dev.slipway.Built", "{\"deploymentId\":\"x\"}"));
    }
}
