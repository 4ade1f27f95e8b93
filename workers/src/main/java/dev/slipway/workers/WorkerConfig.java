package dev.slipway.workers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The workers' configuration: {@code slipway.*} in application.properties or SLIPWAY_* variables. */
@ConfigMapping(prefix = "slipway")
public interface WorkerConfig {

    /** Shared with the orchestrator: sources are read from here, builds and releases written here. */
    Path home();

    /**
     * Variables of the worker's own environment that builds and apps see, so that package
     * managers find their tools, CA bundles and proxies. The app's own env comes on top.
     */
    @WithDefault("PATH,HOME,LANG,LC_ALL,TZ,JAVA_HOME,MAVEN_OPTS,NODE_EXTRA_CA_CERTS,SSL_CERT_FILE,SSL_CERT_DIR,"
            + "REQUESTS_CA_BUNDLE,PIP_CERT,CURL_CA_BUNDLE,GIT_SSL_CAINFO,HTTP_PROXY,HTTPS_PROXY,NO_PROXY,http_proxy,"
            + "https_proxy,no_proxy,npm_config_registry,PIP_INDEX_URL")
    List<String> passEnv();

    Build build();

    Deploy deploy();

    Proxy proxy();

    Secrets secrets();

    interface Secrets {
        /**
         * The orchestrator's key ring file (lines {@code <version> <base64 of 32 bytes>}, mode 0600):
         * every listed version opens the apps' config vars. Read again when it changes, so a value
         * sealed with a newly added version opens at once.
         */
        Optional<Path> keyFile();
    }

    interface Build {
        /** How long one build command may run. */
        @WithDefault("15m")
        Duration timeout();
    }

    interface Deploy {
        /** Ports handed to web processes, as {@code from-to}. */
        @WithDefault("20000-29999")
        String portRange();

        /** Address the proxy uses to reach apps on this worker. */
        @WithDefault("127.0.0.1")
        String advertiseHost();
    }

    interface Proxy {
        /** The server's one proxy strategy. */
        @WithDefault("nginx")
        String strategy();

        @WithDefault("8080")
        int port();

        @WithDefault("0.0.0.0")
        String listenAddress();
    }
}
