package dev.slipway.orchestrator.deployment.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.Command;
import dev.slipway.api.event.ProxyRemovalRequested;
import dev.slipway.orchestrator.deployment.Deployment;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeploymentPinsTest {

    private final UUID id = UUID.randomUUID();
    private final String checksum = "ab".repeat(32);

    @Test
    void aDeploymentsCommandsCarryItsPinsAndOneFromBeforePinsHasNone() {
        Deployment pinned = new Deployment();
        pinned.pluginPins = "{\"banner\":\"" + checksum + "\"}";
        BuildRequested build = new BuildRequested(id, "hello", 1, Path.of("/srv/sources/x.tar.gz"), AppConfig.empty());

        assertEquals(Map.of("banner", checksum), DeploymentPins.apply(pinned, build).pins());
        assertSame(build, DeploymentPins.apply(new Deployment(), build), "a deployment from before V10 pins nothing");
    }

    @Test
    void aCommandOutsideADeploymentIgnoresPins() {
        Deployment pinned = new Deployment();
        pinned.pluginPins = "{\"banner\":\"" + checksum + "\"}";
        Command removal = new ProxyRemovalRequested(id, "hello", 1);

        assertEquals(Map.of(), DeploymentPins.apply(pinned, removal).pins());
    }
}
