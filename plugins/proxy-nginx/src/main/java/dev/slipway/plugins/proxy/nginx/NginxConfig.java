package dev.slipway.plugins.proxy.nginx;

import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.ReleaseProbe;
import dev.slipway.api.StageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text of Slipway's nginx configuration. Every value put into it is checked against a strict
 * shape first, so that nothing from an app (a domain, a path, a release id) can end a directive
 * and inject one of its own.
 */
final class NginxConfig {

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern UNSAFE_PATH = Pattern.compile("[\\s;{}\"'`$#\\\\]");

    private NginxConfig() {
    }

    /** The main file: Slipway's own nginx, everything under the prefix, one include per app. */
    static String main(NginxSettings s) {
        String p = s.prefix().toString();
        String mime = Files.isReadable(Path.of("/etc/nginx/mime.types"))
                ? "    include /etc/nginx/mime.types;\n" : "";
        return "# Written by Slipway's nginx proxy from its settings; changes here are overwritten.\n"
                + (s.user() == null ? "" : "user " + s.user() + ";\n")
                + "daemon on;\n"
                + "pid " + p + "/nginx.pid;\n"
                + "error_log " + p + "/logs/error.log;\n"
                + "events {}\n"
                + "http {\n"
                + mime
                + "    default_type application/octet-stream;\n"
                + "    access_log " + p + "/logs/access.log;\n"
                + "    client_body_temp_path " + p + "/tmp/client_body;\n"
                + "    proxy_temp_path " + p + "/tmp/proxy;\n"
                + "    fastcgi_temp_path " + p + "/tmp/fastcgi;\n"
                + "    uwsgi_temp_path " + p + "/tmp/uwsgi;\n"
                + "    scgi_temp_path " + p + "/tmp/scgi;\n"
                + "    server_names_hash_bucket_size 128;\n"
                + "    # Websockets ask for an upgrade; everything else gets the usual close.\n"
                + "    map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
                + "    server {\n"
                + "        listen " + s.listenAddress() + ":" + s.listenPort() + " default_server;\n"
                + "        return 404;\n"
                + "    }\n"
                + "    include " + p + "/conf.d/*.conf;\n"
                + "}\n";
    }

    /** One app's server block, routing its domains to the release. */
    static String server(DeploymentInfo release, List<String> domains, NginxSettings s) throws StageException {
        if (domains.isEmpty()) {
            throw new StageException("app " + release.app() + " has no domain to route: give the proxy stage a base"
                    + " domain or add [proxy] domains to slipway.toml");
        }
        for (String domain : domains) {
            if (!DOMAIN.matcher(domain).matches()) {
                throw new StageException("domain \"" + domain + "\" of app " + release.app() + " is not a lower-case"
                        + " host name such as hello.example.com; it was not put into the nginx configuration");
            }
        }
        if (!TOKEN.matcher(release.releaseId()).matches()) {
            throw new StageException("release id \"" + release.releaseId() + "\" has characters nginx cannot be"
                    + " given safely (allowed: letters, digits, '.', '_', ':', '-')");
        }
        StringBuilder out = new StringBuilder()
                .append("# Written by Slipway: app ").append(release.app()).append(", release ")
                .append(release.releaseId()).append('\n');
        String target = release.isStatic() ? null : target(release, out);
        out.append("server {\n")
                .append("    listen ").append(s.listenAddress()).append(':').append(s.listenPort()).append(";\n")
                .append("    server_name ").append(String.join(" ", domains)).append(";\n")
                .append("    add_header ").append(ReleaseProbe.RELEASE_HEADER).append(' ').append(release.releaseId())
                .append(" always;\n");
        if (release.isStatic()) {
            Path root = release.staticRoot().toAbsolutePath().normalize();
            requireSafePath(root, "static root of release " + release.releaseId());
            out.append("    root ").append(root).append(";\n")
                    .append("    index index.html;\n")
                    .append("    location / {\n")
                    .append("        try_files $uri $uri/ =404;\n")
                    .append("    }\n");
        } else {
            out.append("    location / {\n")
                    .append("        proxy_pass http://").append(target).append(";\n")
                    .append("        proxy_http_version 1.1;\n")
                    .append("        proxy_set_header Host $host;\n")
                    .append("        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n")
                    .append("        proxy_set_header X-Forwarded-Proto $scheme;\n")
                    .append("        proxy_set_header X-Forwarded-Host $host;\n")
                    .append("        proxy_set_header Upgrade $http_upgrade;\n")
                    .append("        proxy_set_header Connection $connection_upgrade;\n")
                    .append("        proxy_hide_header ").append(ReleaseProbe.RELEASE_HEADER).append(";\n")
                    .append("        # Server-sent events, long polls: pass bytes on at once, keep streams open.\n")
                    .append("        proxy_buffering off;\n")
                    .append("        proxy_read_timeout 1h;\n")
                    .append("    }\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * Where requests go: the release's one web process, or an upstream group nginx balances over
     * (round robin; a process that refuses is skipped for the next), written to {@code out} first.
     */
    private static String target(DeploymentInfo release, StringBuilder out) throws StageException {
        List<DeploymentInfo.Upstream> upstreams = release.upstreams();
        if (upstreams.size() == 1) {
            return address(release, upstreams.get(0));
        }
        if (!TOKEN.matcher(release.app()).matches()) {
            throw new StageException("app name \"" + release.app() + "\" cannot name an nginx upstream safely");
        }
        String group = "slipway-" + release.app() + "-" + release.releaseId();
        out.append("upstream ").append(group).append(" {\n");
        for (DeploymentInfo.Upstream upstream : upstreams) {
            out.append("    server ").append(address(release, upstream)).append(";\n");
        }
        out.append("}\n");
        return group;
    }

    private static String address(DeploymentInfo release, DeploymentInfo.Upstream upstream) throws StageException {
        String host = upstream.host();
        int port = upstream.port();
        if (port < 1 || port > 65535) {
            throw new StageException("release " + release.releaseId() + " has no valid upstream port (" + port + ")");
        }
        if (host.contains(":") && IPV6.matcher(host).matches()) {
            return "[" + host + "]:" + port;
        }
        if (!DOMAIN.matcher(host).matches()) {
            throw new StageException("upstream host \"" + host + "\" of release " + release.releaseId()
                    + " is not a host name or IP address; check the deployer's advertise-host setting");
        }
        return host + ":" + port;
    }

    /** Refuses a path nginx would read as more than one token, a variable or a comment. */
    static void requireSafePath(Path path, String what) throws StageException {
        if (UNSAFE_PATH.matcher(path.toString()).find()) {
            throw new StageException(what + " \"" + path + "\" contains whitespace, quotes or one of ; { } $ # \\,"
                    + " which cannot be put into an nginx configuration safely; use a plainer directory name");
        }
    }
}
