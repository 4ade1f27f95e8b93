package dev.slipway.plugins.proxy.caddy;

import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.ReleaseProbe;
import dev.slipway.api.StageException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON Slipway gives Caddy: one route per app, matched by host, in one HTTP server with
 * automatic HTTPS off (apps answer on their Slipway port; TLS is not done here yet). Every value
 * from a release is checked against a strict shape and every string is JSON-escaped, so nothing an
 * app names can add a handler of its own.
 */
final class CaddyConfig {

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    private CaddyConfig() {
    }

    /** The route of one app: its domains to its release, with the release's id on every answer. */
    static String route(DeploymentInfo release, List<String> domains) throws StageException {
        if (domains.isEmpty()) {
            throw new StageException("app " + release.app() + " has no domain to route");
        }
        for (String domain : domains) {
            if (!DOMAIN.matcher(domain).matches()) {
                throw new StageException("\"" + domain + "\" is not a host name Caddy can route");
            }
        }
        if (!TOKEN.matcher(release.releaseId()).matches()) {
            throw new StageException("release id \"" + release.releaseId() + "\" has characters a proxy header cannot carry");
        }
        // On successful answers only, as nginx's add_header: a 502 for a release that does not answer
        // must not pass for that release serving.
        String header = "{\"handler\":\"headers\",\"response\":{\"set\":{" + string(ReleaseProbe.RELEASE_HEADER)
                + ":[" + string(release.releaseId()) + "]},\"require\":{\"status_code\":[2,3]}}}";
        String target;
        if (release.isStatic()) {
            String root = release.staticRoot().toString();
            // Caddy expands {placeholders} in a file server's root on every request: a root with braces could
            // be steered by a request header to any file Caddy can read.
            if (root.contains("{") || root.contains("}") || root.chars().anyMatch(c -> c < 0x20)) {
                throw new StageException("static root \"" + root + "\" has characters Caddy would expand ({, } or"
                        + " control characters); the deployer must put the site in a plain directory");
            }
            target = "{\"handler\":\"file_server\",\"root\":" + string(root) + "}";
        } else {
            StringBuilder upstreams = new StringBuilder();
            for (DeploymentInfo.Upstream upstream : release.upstreams()) {
                String host = upstream.host().contains(":") && !upstream.host().startsWith("[")
                        ? "[" + upstream.host() + "]" : upstream.host();
                if (!HOST.matcher(host).matches() || upstream.port() < 1 || upstream.port() > 65535) {
                    throw new StageException("upstream \"" + upstream.host() + ":" + upstream.port()
                            + "\" is not a host and port Caddy can dial");
                }
                upstreams.append(upstreams.isEmpty() ? "" : ",").append("{\"dial\":").append(string(host + ":" + upstream.port()))
                        .append('}');
            }
            // flush_interval -1: every write reaches the client at once (Server-Sent Events, long polls).
            // The app's own release header is dropped: only the proxy says which release answered.
            target = "{\"handler\":\"reverse_proxy\",\"upstreams\":[" + upstreams + "],\"flush_interval\":-1,"
                    + "\"load_balancing\":{\"selection_policy\":{\"policy\":\"round_robin\"}},"
                    + "\"headers\":{\"response\":{\"delete\":[" + string(ReleaseProbe.RELEASE_HEADER) + "]}}}";
        }
        return "{\"@id\":" + string("slipway-app-" + release.app()) + ",\"match\":[{\"host\":["
                + domains.stream().map(CaddyConfig::string).collect(Collectors.joining(",")) + "]}],"
                + "\"handle\":[" + header + "," + target + "],\"terminal\":true}\n";
    }

    /** The whole configuration: admin on its socket, never saved by Caddy itself, the apps' routes, 404 for the rest. */
    static String full(CaddySettings settings, List<String> routes) {
        return "{\"admin\":{\"listen\":" + string("unix/" + settings.adminSocket()) + ",\"config\":{\"persist\":false}},"
                + "\"logging\":{\"logs\":{\"default\":{\"writer\":{\"output\":\"file\",\"filename\":"
                + string(settings.log().toString()) + "}}}},"
                + "\"apps\":{\"http\":{\"grace_period\":\"30s\",\"servers\":{\"slipway\":{\"listen\":["
                + string(settings.listenAddress() + ":" + settings.listenPort()) + "],"
                + "\"automatic_https\":{\"disable\":true},\"routes\":["
                + routes.stream().map(String::strip).collect(Collectors.joining(","))
                + (routes.isEmpty() ? "" : ",")
                + "{\"handle\":[{\"handler\":\"static_response\",\"status_code\":404}]}]}}}}}\n";
    }

    /** Whether {@code text} is a route as {@link #route} writes it: one object naming its app. */
    static boolean isRoute(String text) {
        return text.startsWith("{\"@id\":\"slipway-app-") && text.endsWith("\"terminal\":true}");
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
