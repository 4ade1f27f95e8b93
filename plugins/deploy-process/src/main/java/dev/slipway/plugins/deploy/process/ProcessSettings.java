package dev.slipway.plugins.deploy.process;

import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's settings for the process deployer ({@code slipway.plugins.process.<key>}).
 *
 * @param firstPort     lowest port handed to a web process ({@code port-range}, default 20000-29999)
 * @param lastPort      highest port handed to a web process
 * @param bindHost      address a port must be free on ({@code bind-host}, default 127.0.0.1)
 * @param advertiseHost address the proxy reaches releases on ({@code advertise-host}, default 127.0.0.1)
 * @param stateDir      host-wide directory of the deployers on this host: port reservations ({@code state-dir})
 * @param restart       how crashed processes are started again ({@code restart-backoff}, {@code max-restart-backoff},
 *                      {@code crash-limit}, {@code crash-window})
 */
record ProcessSettings(int firstPort, int lastPort, String bindHost, String advertiseHost, Path stateDir,
                       CrashPolicy restart) {

    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:_-]{1,253}");

    static ProcessSettings from(Map<String, String> config) throws StageException {
        String range = config.getOrDefault("port-range", "20000-29999");
        Matcher m = RANGE.matcher(range);
        int first = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        int last = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (first < 1 || last > 65535 || first > last) {
            throw new StageException("process deployer setting port-range \"" + range + "\" is invalid: use FROM-TO"
                    + " with 1 <= FROM <= TO <= 65535, e.g. slipway.plugins.process.port-range=20000-29999");
        }
        // Without the host's directory (a plugin's own tests), one per user of the machine: ports are the machine's.
        Path stateDir = Path.of(config.getOrDefault("state-dir", Path.of(System.getProperty("java.io.tmpdir"),
                "slipway-process-" + System.getProperty("user.name")).toString()));
        CrashPolicy restart = new CrashPolicy(seconds(config, "restart-backoff", 1, 0),
                seconds(config, "max-restart-backoff", 60, 0), (int) number(config, "crash-limit", 5, 1),
                seconds(config, "crash-window", 300, 1));
        return new ProcessSettings(first, last, host(config, "bind-host"), host(config, "advertise-host"), stateDir,
                restart);
    }

    private static String host(Map<String, String> config, String key) throws StageException {
        String host = config.getOrDefault(key, "127.0.0.1").strip();
        if (!HOST.matcher(host).matches()) {
            throw new StageException("process deployer setting " + key + " \"" + host + "\" is not a host name or"
                    + " IP address, e.g. slipway.plugins.process." + key + "=127.0.0.1");
        }
        return host;
    }

    private static Duration seconds(Map<String, String> config, String key, long fallback, long least)
            throws StageException {
        return Duration.ofSeconds(number(config, key, fallback, least));
    }

    private static long number(Map<String, String> config, String key, long fallback, long least)
            throws StageException {
        String value = config.get(key);
        long number = value == null ? fallback : Long.parseLong(value.strip()); // the host checked it is a number
        if (number < least) {
            throw new StageException("process deployer setting " + key + " is " + number + "; it must be at least "
                    + least + " (slipway.plugins.process." + key + ")");
        }
        return number;
    }
}
