package dev.slipway.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A release that a deployer has started, and where the proxy finds it: either an upstream
 * {@code host:port} or a directory of static files.
 *
 * @param attributes what the deployer needs to stop it again (pid, log file, …)
 */
public record DeploymentInfo(String app, String releaseId, String deployer, String upstreamHost, int upstreamPort,
                             Path staticRoot, Map<String, String> attributes) {

    public DeploymentInfo {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(deployer, "deployer");
        if ((upstreamHost == null) == (staticRoot == null)) {
            throw new IllegalArgumentException("a deployment has either an upstream or a static root, not both or neither");
        }
        attributes = Map.copyOf(attributes);
    }

    public static DeploymentInfo upstream(String app, String releaseId, String deployer, String host, int port,
                                          Map<String, String> attributes) {
        return new DeploymentInfo(app, releaseId, deployer, host, port, null, attributes);
    }

    public static DeploymentInfo staticFiles(String app, String releaseId, String deployer, Path root,
                                             Map<String, String> attributes) {
        return new DeploymentInfo(app, releaseId, deployer, null, 0, root, attributes);
    }

    public boolean isStatic() {
        return staticRoot != null;
    }
}
