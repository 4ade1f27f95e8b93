package dev.slipway.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A release that a deployer has started, and where the proxy finds it: either upstreams
 * {@code host:port} (one per web process; the first is also {@code upstreamHost:upstreamPort}) or
 * a directory of static files.
 *
 * @param attributes what the deployer needs to stop it again (pid, log file, …)
 * @param upstreams  every web process of the release, for the proxy to balance over; absent = the one upstream
 */
public record DeploymentInfo(String app, String releaseId, String deployer, String upstreamHost, int upstreamPort,
                             Path staticRoot, Map<String, String> attributes, List<Upstream> upstreams) {

    /** One web process of a release: where the proxy reaches it. */
    public record Upstream(String host, int port) {
        public Upstream {
            Objects.requireNonNull(host, "host");
        }
    }

    public DeploymentInfo {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(deployer, "deployer");
        if ((upstreamHost == null) == (staticRoot == null)) {
            throw new IllegalArgumentException("a deployment has either an upstream or a static root, not both or neither");
        }
        attributes = Map.copyOf(attributes);
        upstreams = upstreams != null && !upstreams.isEmpty() ? List.copyOf(upstreams)
                : upstreamHost == null ? List.of() : List.of(new Upstream(upstreamHost, upstreamPort));
    }

    /** A release with one upstream, or a static one: as deployers made them before there could be several. */
    public DeploymentInfo(String app, String releaseId, String deployer, String upstreamHost, int upstreamPort,
                          Path staticRoot, Map<String, String> attributes) {
        this(app, releaseId, deployer, upstreamHost, upstreamPort, staticRoot, attributes, null);
    }

    public static DeploymentInfo upstream(String app, String releaseId, String deployer, String host, int port,
                                          Map<String, String> attributes) {
        return new DeploymentInfo(app, releaseId, deployer, host, port, null, attributes);
    }

    /** A release of several web processes; the proxy balances over them. */
    public static DeploymentInfo upstreams(String app, String releaseId, String deployer, List<Upstream> upstreams,
                                           Map<String, String> attributes) {
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("a release with upstreams needs at least one");
        }
        return new DeploymentInfo(app, releaseId, deployer, upstreams.get(0).host(), upstreams.get(0).port(), null,
                attributes, upstreams);
    }

    public static DeploymentInfo staticFiles(String app, String releaseId, String deployer, Path root,
                                             Map<String, String> attributes) {
        return new DeploymentInfo(app, releaseId, deployer, null, 0, root, attributes);
    }

    public boolean isStatic() {
        return staticRoot != null;
    }

    /** What a proxy routes to, for its log: the static root, or every upstream as {@code host:port}. */
    public String target() {
        return isStatic() ? staticRoot.toString()
                : String.join(" ", upstreams.stream().map(u -> u.host() + ":" + u.port()).toList());
    }
}
