package dev.slipway.workers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    Proxy proxy();

    Secrets secrets();

    Isolation isolation();

    /**
     * Plugins' own settings, {@code slipway.plugins.<plugin>.<key>}: declared here so the
     * configuration accepts them; each plugin's are read, checked and defaulted by
     * {@code PluginSettings} from what the plugin declares.
     */
    Map<String, Map<String, String>> plugins();

    /**
     * Where the worker finds plugins besides its built-in ones: jars, directories of jars. Looked
     * at every {@link #pluginsScanEvery()}: what is added there is used without a restart.
     */
    @WithDefault("${slipway.home}/plugins")
    Path pluginsDir();

    @WithDefault("2s")
    Duration pluginsScanEvery();

    /** How long a strategy's {@code accept()} may take before it is skipped and reported. */
    @WithDefault("10s")
    Duration pluginsAcceptTimeout();

    /**
     * How long an executable plugin's {@code info}, {@code accept} and {@code http} calls may take before
     * they are stopped with everything they started; below {@link #pluginsAcceptTimeout()} and the
     * orchestrator's {@code slipway.plugin-http.timeout}, so the call says why.
     */
    @WithDefault("5s")
    Duration pluginsQuickCallTimeout();

    /** How long its other calls ({@code build}, {@code deploy}, {@code stop}, {@code hook}) may take. */
    @WithDefault("15m")
    Duration pluginsCallTimeout();

    /**
     * How long a replaced or removed plugin version stays loaded once no running stage uses it and
     * no stage of a deployment pinned to it asked for it: then its class loader is closed. A later
     * pinned stage loads it again from the copy kept by its checksum.
     */
    @WithDefault("10m")
    Duration pluginsRetiredGrace();

    /**
     * How long a stage waits for a pinned plugin version this worker does not have yet: one installed
     * just before the deployment was accepted may still be on its way here.
     */
    @WithDefault("10s")
    Duration pluginsPinWait();

    Limits limits();

    Storage storage();

    /** Plugins' own storage and their deployment metadata (in PostgreSQL, as the role slipway_plugins). */
    interface Storage {
        /** Largest JSON value under one key, in bytes of UTF-8. */
        @WithDefault("65536")
        int maxValueBytes();

        /** What one plugin may keep in all, keys and values, in bytes. */
        @WithDefault("10485760")
        long quotaBytes();

        /** Largest metadata value, in bytes of UTF-8: metadata is for short texts. */
        @WithDefault("4096")
        int maxMetadataBytes();

        /** Metadata keys one plugin may put per deployment. */
        @WithDefault("100")
        int maxMetadataKeys();

        /** How long one call to the database may take before the stage is told it failed. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Isolation {
        /**
         * {@code auto}: apps run as their own OS users when the worker runs as root, as the worker's
         * user otherwise (a developer's machine); {@code on}: refuse to run app code without it;
         * {@code off}: never.
         */
        @WithDefault("auto")
        String mode();

        /**
         * The uids (and gids) app users are given, as {@code from-to}: by default above the ranges
         * that systemd's dynamic users and the subordinate ids useradd hands out (up to 600100000) take.
         */
        @WithDefault("700000000-700999999")
        String uidRange();

        /** Name of the control group, under each controller's root, that holds the apps' groups. */
        @WithDefault("slipway")
        String cgroup();
    }

    /** Every app's defaults and ceilings; an app's {@code [limits]} may ask for less. */
    interface Limits {
        /** Processes and threads of one app at once (all its builds, hooks and processes). */
        @WithDefault("512")
        long processes();

        @WithDefault("4096")
        long openFiles();

        /** Memory of all of one app's processes together, in bytes ({@code 2G} = 2147483648). */
        @WithDefault("2147483648")
        long memory();

        /** Largest file one of its processes may write, in bytes. */
        @WithDefault("2147483648")
        long fileSize();

        /** CPU time of one build or hook command. */
        @WithDefault("30m")
        Duration cpuTime();
    }

    interface Secrets {
        /**
         * The orchestrator's key ring file (lines {@code <version> <base64 of 32 bytes>}, mode 0600):
         * every listed version opens the apps' config vars. Read again when it changes, so a value
         * sealed with a newly added version opens at once.
         */
        Optional<Path> keyFile();
    }

    interface Proxy {
        /** The server's one proxy strategy. */
        @WithDefault("nginx")
        String strategy();
    }

    Toolchains toolchains();

    interface Toolchains {
        /**
         * Whether a build worker running as root installs a program a toolchain needs and this host
         * lacks, with the plan of the OS support plugin that knows the host; otherwise the build fails
         * and says the command.
         */
        @WithDefault("false")
        boolean installMissing();
    }
}
