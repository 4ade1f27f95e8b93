package dev.slipway.plugins.proxy.caddy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The settings of a test's own Caddy on a free port, and stopping it afterwards. */
final class CaddyProcess {

    private CaddyProcess() {
    }

    static Map<String, String> settings(Path stateDir) throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return Map.of("state-dir", stateDir.toString(), "listen-port", Integer.toString(free.getLocalPort()),
                    "listen-address", "127.0.0.1");
        }
    }

    static void stop(Path stateDir) throws IOException {
        Path pid = stateDir.resolve("caddy.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(p -> {
                p.destroy();
                p.onExit().join();
            });
        }
    }
}
