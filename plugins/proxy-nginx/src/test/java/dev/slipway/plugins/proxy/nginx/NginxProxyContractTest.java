package dev.slipway.plugins.proxy.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.testkit.FakeStageContext;
import dev.slipway.api.testkit.ProxyContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nginx proxy against the proxy contract: the real nginx, in a temporary prefix on a free port. */
class NginxProxyContractTest extends ProxyContract {

    @TempDir
    static Path prefix;
    static Map<String, String> settings;

    @BeforeAll
    static void choosePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            // Workers run as this user, so nginx's workers can read the temporary (mode 700) directories.
            settings = Map.of("prefix", prefix.toString(), "listen-port", Integer.toString(free.getLocalPort()),
                    "listen-address", "127.0.0.1", "user", System.getProperty("user.name"));
        }
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (Files.exists(prefix.resolve("nginx.pid"))) {
            new Nginx(NginxSettings.from(settings), FakeStageContext.in(prefix).config(settings)).quit();
        }
    }

    @Override
    protected ProxyStrategy strategy() {
        return new NginxProxy();
    }

    @Override
    protected Map<String, String> settings() {
        return settings;
    }

    @Test
    void theUrlsNameTheListenPort() throws Exception {
        String port = settings.get("listen-port");
        assertEquals(List.of("http://demo.slipway.test:" + port + "/", "http://www.demo.test:" + port + "/"),
                strategy().urls(context(workDir)));
    }
}
