package dev.slipway.plugins.proxy.caddy;

import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.testkit.ProxyContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The Caddy proxy against the proxy contract: the real Caddy, in a temporary state directory on a free port. */
class CaddyProxyContractTest extends ProxyContract {

    @TempDir
    static Path state;
    static Map<String, String> settings;

    @BeforeAll
    static void choosePort() throws Exception {
        settings = CaddyProcess.settings(state);
    }

    @AfterAll
    static void stopCaddy() throws Exception {
        CaddyProcess.stop(state);
    }

    @Override
    protected ProxyStrategy strategy() {
        return new CaddyProxy();
    }

    @Override
    protected Map<String, String> settings() {
        return settings;
    }
}
