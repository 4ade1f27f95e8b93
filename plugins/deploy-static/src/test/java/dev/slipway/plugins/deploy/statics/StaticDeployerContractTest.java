package dev.slipway.plugins.deploy.statics;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Deployer;
import dev.slipway.api.testkit.DeployerContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
}
