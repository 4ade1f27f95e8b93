package dev.slipway.plugins.deploy.statics;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeployContext;
import dev.slipway.api.Deployer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.StageContext;
import dev.slipway.api.StageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Publishes a static site: a copy of the artifact in the deployment's own directory, which the
 * proxy serves. The copy makes each release immutable, so rolling back is pointing the proxy at
 * an older directory.
 */
public final class StaticDeployer implements Deployer {

    static final String SITE = "site";

    @Override
    public String name() {
        return "static";
    }

    @Override
    public boolean accept(BuildArtifact artifact) {
        return BuildArtifact.STATIC.equals(artifact.kind());
    }

    @Override
    public DeploymentInfo deploy(DeployContext context) throws StageException {
        Path source = context.artifact().root();
        Path site = context.workDir().resolve(SITE).toAbsolutePath().normalize();
        try {
            SiteCopy.Result copied = SiteCopy.copy(source, site, context.log());
            context.log().line("published " + copied.files() + " files to " + site
                    + (copied.skipped() > 0 ? " (" + copied.skipped() + " entries skipped)" : ""));
        } catch (IOException e) {
            throw new StageException("the static site " + source + " could not be copied to " + site + ": "
                    + e.getMessage() + " (check the disk space and permissions of the work directory)", e);
        }
        return DeploymentInfo.staticFiles(context.app(), context.deploymentId().toString(), name(), site, Map.of());
    }

    /** Nothing runs; the files stay so that a rollback can serve them again. */
    @Override
    public void stop(DeploymentInfo release, StageContext context) {
        context.log().line("static release " + release.releaseId() + " has no process; its files stay for rollback");
    }
}
