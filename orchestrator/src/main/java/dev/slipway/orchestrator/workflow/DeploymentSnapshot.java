package dev.slipway.orchestrator.workflow;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the workflow needs to know about a deployment to decide what comes next.
 *
 * @param source      the validated source archive
 * @param artifact    what the build produced, once built
 * @param release     the release this deployment started, once deployed
 * @param urls        where the proxy serves it, once configured
 * @param error       what went wrong so far, while it rolls back
 * @param previous    the release the app serves now, which this deployment replaces; null for a first one
 * @param domains     the host names the app answers to
 * @param nextVersion the release number this deployment gets if it succeeds now
 * @param subscribed  the hook points some live worker's installed plugin subscribes to (the app's own
 *                    {@code [hooks]} are in {@code config}): a point in neither is skipped, without a round trip
 * @param ahead       how many deployments of the app requested before this one have not ended: it runs once none is
 */
public record DeploymentSnapshot(UUID id, String app, DeploymentState state, int attempt, AppConfig config,
                                 Path source, BuildArtifact artifact, DeploymentInfo release, List<String> urls,
                                 String error, Previous previous, List<String> domains, int nextVersion,
                                 Set<String> subscribed, int ahead) {

    /** A release that runs, with what it was built from: enough to stop it, hooks first, or route back to it. */
    public record Previous(DeploymentInfo release, BuildArtifact artifact, AppConfig config) {
    }

    /** A deployment with none ahead of it. */
    public DeploymentSnapshot(UUID id, String app, DeploymentState state, int attempt, AppConfig config, Path source,
                              BuildArtifact artifact, DeploymentInfo release, List<String> urls, String error,
                              Previous previous, List<String> domains, int nextVersion, Set<String> subscribed) {
        this(id, app, state, attempt, config, source, artifact, release, urls, error, previous, domains, nextVersion,
                subscribed, 0);
    }

    public DeploymentSnapshot {
        if (ahead < 0) {
            throw new IllegalArgumentException("no deployment has " + ahead + " ahead of it");
        }
        urls = List.copyOf(urls);
        domains = List.copyOf(domains);
        subscribed = Set.copyOf(subscribed);
    }

    public DeploymentSnapshot withAhead(int deploymentsAhead) {
        return new DeploymentSnapshot(id, app, state, attempt, config, source, artifact, release, urls, error, previous,
                domains, nextVersion, subscribed, deploymentsAhead);
    }

    /** Whether anything runs at {@code point}: the app's own hook or a plugin's. */
    public boolean hasHook(String point) {
        return config.hasHookCommand(point) || subscribed.contains(point);
    }
}
