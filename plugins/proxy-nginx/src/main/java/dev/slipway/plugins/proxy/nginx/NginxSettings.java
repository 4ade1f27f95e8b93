package dev.slipway.plugins.proxy.nginx;

import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.ReleaseProbe;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The operator's settings for the nginx proxy ({@code slipway.plugins.nginx.<key>}).
 *
 * @param prefix        Slipway's own nginx root: config, pid, logs, temp files ({@code prefix}, required)
 * @param listenPort    port every app is served on ({@code listen-port}, default 8080)
 * @param listenAddress address nginx listens on ({@code listen-address}, default 0.0.0.0)
 * @param binary        the nginx program ({@code nginx}, default "nginx" on the PATH)
 * @param user          user for nginx's worker processes when it runs as root ({@code user}, optional)
 */
record NginxSettings(Path prefix, int listenPort, String listenAddress, String binary, String user) {

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:\\[\\]*-]{1,64}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    static NginxSettings from(Map<String, String> config) throws StageException {
        String prefix = config.get("prefix");
        if (prefix == null || prefix.isBlank() || !Path.of(prefix).isAbsolute()) {
            throw new StageException("nginx proxy setting prefix is " + (prefix == null ? "missing" : "\"" + prefix
                    + "\", not an absolute path") + ": set slipway.plugins.nginx.prefix to a directory Slipway may"
                    + " own, e.g. /var/lib/slipway/nginx");
        }
        Path root = Path.of(prefix).normalize();
        NginxConfig.requireSafePath(root, "nginx proxy setting prefix");
        String address = config.getOrDefault("listen-address", "0.0.0.0").strip();
        if (!ADDRESS.matcher(address).matches()) {
            throw new StageException("nginx proxy setting listen-address \"" + address + "\" is not an IP address:"
                    + " use e.g. 0.0.0.0, 127.0.0.1 or [::]");
        }
        String user = config.get("user");
        if (user != null && !USER.matcher(user.strip()).matches()) {
            throw new StageException("nginx proxy setting user \"" + user + "\" is not a user name, e.g. www-data");
        }
        String binary = config.getOrDefault("nginx", "nginx").strip();
        return new NginxSettings(root, ProxyStrategy.listenPort(config, "nginx"), address, binary, user == null ? null : user.strip());
    }

    Path conf() {
        return prefix.resolve("nginx.conf");
    }

    Path confDir() {
        return prefix.resolve("conf.d");
    }

    Path pidFile() {
        return prefix.resolve("nginx.pid");
    }

    Path errorLog() {
        return prefix.resolve("logs/error.log");
    }

    /** Where to reach nginx from this host. */
    String probeHost() {
        return ReleaseProbe.probeHost(listenAddress);
    }
}
