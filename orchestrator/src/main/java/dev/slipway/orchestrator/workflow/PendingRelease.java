package dev.slipway.orchestrator.workflow;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import java.util.Map;

/**
 * The release a deployment is about to start, as the hooks before it (post_build, pre_deploy) see
 * it: its id is the deployment's (what the deployers use), its deployer the one {@code [deploy]}
 * names or empty (not chosen yet), it listens on no port (0), and {@code pending=true} says so.
 * A static artifact's release is described by the artifact's tree.
 */
final class PendingRelease {

    static final Map<String, String> ATTRIBUTES = Map.of("pending", "true");

    private PendingRelease() {
    }

    static DeploymentInfo of(DeploymentSnapshot d, BuildArtifact artifact) {
        String deployer = d.config().deploy().strategy() == null ? "" : d.config().deploy().strategy();
        return BuildArtifact.STATIC.equals(artifact.kind())
                ? DeploymentInfo.staticFiles(d.app(), d.id().toString(), deployer, artifact.root(), ATTRIBUTES)
                : DeploymentInfo.upstream(d.app(), d.id().toString(), deployer, "127.0.0.1", 0, ATTRIBUTES);
    }
}
