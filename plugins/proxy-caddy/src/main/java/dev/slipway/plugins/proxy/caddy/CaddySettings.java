package dev.slipway.plugins.proxy.caddy;

import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.ReleaseProbe;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The operator's settings for the Caddy proxy ({@code slipway.plugins.caddy.<key>}).
 *
 * @param stateDir      Slipway's own Caddy: the routes of each app, the config last loaded, the admin
 *                      socket, pid, logs and Caddy's data ({@code state-dir}, required; kept 0700)
 * @param listenPort    port every app is served on ({@code listen-port}, default 8080)
 * @param listenAddress address Caddy listens on ({@code listen-address}, default 0.0.0.0)
 * @param binary        the caddy program ({@code caddy}, default "caddy" on the PATH)
 */
record CaddySettings(Path stateDir, int listenPort, String listenAddress, String binary) {

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,64}");
    /** Caddy's admin socket path is written into its JSON config: a plain path only. */
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._/-]{0,200}");

    static CaddySettings from(Map<String, String> config) throws StageException {
        String dir = config.get("state-dir");
        if (dir == null || dir.isBlank() || !Path.of(dir).isAbsolute() || !SAFE_PATH.matcher(dir).matches()) {
            throw new StageException("caddy proxy setting state-dir is " + (dir == null ? "missing" : "\"" + dir
                    + "\", not an absolute path of letters, digits and . _ / -") + ": set slipway.plugins.caddy.state-dir"
                    + " to a directory Slipway may own, e.g. /var/lib/slipway/caddy");
        }
        String address = config.getOrDefault("listen-address", "0.0.0.0").strip();
        if (!ADDRESS.matcher(address).matches()) {
            throw new StageException("caddy proxy setting listen-address \"" + address + "\" is not an IP address:"
                    + " use e.g. 0.0.0.0, 127.0.0.1 or [::]");
        }
        return new CaddySettings(Path.of(dir).normalize(), ProxyStrategy.listenPort(config, "caddy"), address,
                config.getOrDefault("caddy", "caddy").strip());
    }

    /** One file per app: the route that sends its domains to its release. */
    Path routes() {
        return stateDir.resolve("routes");
    }

    /** The whole configuration as it was last given to Caddy; Caddy starts from it. */
    Path config() {
        return stateDir.resolve("caddy.json");
    }

    /**
     * The admin API, on a Unix socket in the 0700 state directory: Caddy's admin API has no login,
     * and on a TCP port any local user (an app, too) could reconfigure the proxy.
     */
    Path adminSocket() {
        return stateDir.resolve("admin.sock");
    }

    Path pidFile() {
        return stateDir.resolve("caddy.pid");
    }

    Path log() {
        return stateDir.resolve("logs/caddy.log");
    }

    /** Where to reach Caddy from this host. */
    String probeHost() {
        return ReleaseProbe.probeHost(listenAddress);
    }
}
