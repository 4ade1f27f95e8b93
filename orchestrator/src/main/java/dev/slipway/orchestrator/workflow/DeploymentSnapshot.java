package dev.slipway.orchestrator.workflow;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * What the workflow needs to know about a deployment to decide what comes next.
 *
 * @param source          the validated source archive
 * @param artifact        what the build produced, once built
 * @param release         the release this deployment started, once deployed
 * @param previousRelease the release the app served when this deployment was requested, if any
 * @param domains         the host names the app answers to
 * @param nextVersion     the release number this deployment gets if it succeeds now
 */
public record DeploymentSnapshot(UUID id, String app, DeploymentState state, int attempt, AppConfig config,
                                 Path source, BuildArtifact artifact, DeploymentInfo release, DeploymentInfo previousRelease, List<String> domains,
                                 int nextVersion) {

    public DeploymentSnapshot {
        domains = List.copyOf(domains);
    }
}
