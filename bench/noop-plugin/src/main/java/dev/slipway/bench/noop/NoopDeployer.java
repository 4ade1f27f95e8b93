package dev.slipway.bench.noop;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeployContext;
import dev.slipway.api.Deployer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.StageContext;
import java.util.Map;

/** Starts nothing: the release is the artifact's tree, as if it were static files already in place. */
public class NoopDeployer implements Deployer {

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public boolean accept(BuildArtifact artifact) {
        return NoopBuilder.KIND.equals(artifact.kind());
    }

    @Override
    public DeploymentInfo deploy(DeployContext context) {
        return DeploymentInfo.staticFiles(context.app(), context.deploymentId().toString(), name(),
                context.artifact().root(), Map.of());
    }

    @Override
    public void stop(DeploymentInfo release, StageContext context) {
        // Nothing runs, so nothing stops.
    }
}
