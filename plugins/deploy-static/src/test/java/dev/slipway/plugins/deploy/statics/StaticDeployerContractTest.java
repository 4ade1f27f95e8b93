package dev.slipway.plugins.deploy.statics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Deployer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.testkit.DeployerContract;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The static deployer against the deployer contract. */
class StaticDeployerContractTest extends DeployerContract {

    @Override
    protected Deployer strategy() {
        return new StaticDeployer();
    }

    @Override
    protected BuildArtifact artifact(Path root) throws Exception {
        Files.writeString(root.resolve("index.html"), "<h1>contract</h1>");
        return new BuildArtifact(BuildArtifact.STATIC, root, Map.of(), Map.of(), List.of(), "native", "static");
    }

    @Test
    void theReleaseServesTheArtifactsFiles() throws Exception {
        BuildArtifact artifact = artifact(built);
        DeploymentInfo release = strategy().deploy(FakeStageContext.in(workDir).artifact(artifact));
        assertEquals("<h1>contract</h1>", Files.readString(release.staticRoot().resolve("index.html")));
    }
}
