package dev.slipway.orchestrator;

import dev.slipway.orchestrator.workflow.Stage;
import dev.slipway.orchestrator.workflow.StagePolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The orchestrator's configuration: {@code slipway.*} in application.properties or SLIPWAY_* variables. */
@ConfigMapping(prefix = "slipway")
public interface SlipwayConfig {

    /** Where sources and other shared files live; workers see the same directory. */
    Path home();

    /** Apps answer to {@code <app>.<base domain>}. */
    @WithDefault("localhost")
    String baseDomain();

    /** Bearer token required on /api and /q (but /q/health); the orchestrator refuses to start without it. */
    Optional<String> apiToken();

    Api api();

    Upload upload();

    Kafka kafka();

    Outbox outbox();

    Stages stages();

    Git git();

    Webhooks webhooks();

    Secrets secrets();

    Retention retention();

    PluginHttp pluginHttp();

    /** Plugins' REST extensions, under /api/plugins/<plugin>/. */
    interface PluginHttp {
        /** How long a plugin has to answer (the worker that runs it gives up a little earlier): then 504. */
        @WithDefault("10s")
        Duration timeout();
    }

    PluginInstall pluginInstall();

    /** Plugins installed through the API ({@code POST /api/plugins}). */
    interface PluginInstall {
        /** Largest plugin file accepted: a jar, a directory's zip, an executable. */
        @WithDefault("52428800")
        long maxBytes();

        /** What a directory's jars may come to once unpacked. */
        @WithDefault("209715200")
        long maxUnpackedBytes();

        /**
         * The largest record of the slipway.plugins topic and of the producer that writes it: the file
         * and room for its key and headers: one MiB above {@link #maxBytes()} (application.properties,
         * where the producer's limits are set from it too).
         */
        int maxMessageBytes();

        /** Where {@code {"coordinates": "group:artifact:version"}} is fetched from. */
        @WithDefault("https://repo.maven.apache.org/maven2/")
        String mavenRepository();
    }

    interface Retention {
        /** Releases per app whose files are kept (the serving one always is): the ones a rollback can return to. */
        @WithDefault("5")
        int releases();

        /** How long stored stage log lines are kept. */
        @WithDefault("7d")
        Duration logLines();
    }

    interface Api {
        /** Development only: start without {@code slipway.api-token}, the API open to whoever reaches it. */
        @WithDefault("false")
        boolean allowNoToken();
    }

    interface Secrets {
        /**
         * The key ring, shared with the workers: a file of mode 0600 with lines
         * {@code <version> <base64 of 32 random bytes>}; the newest version seals config vars, every
         * listed version opens them. Read again when it changes. Absent = no config vars.
         */
        Optional<Path> keyFile();
    }

    interface Webhooks {
        /** The secret shared with the git hosts, for apps without their own; absent = only apps with one. */
        Optional<String> secret();

        /** Largest webhook body accepted: pushes are small, and nobody is authenticated until it is read. */
        @WithDefault("1048576")
        long maxBytes();
    }

    interface Git {
        /** The protocols a git source may use; file is for tests and local mirrors, ext never. */
        @WithDefault("https,http,ssh,git")
        List<String> protocols();

        /** Largest clone (the .git directory and the checkout together), as large as an unpacked upload may be. */
        @WithDefault("524288000")
        long maxBytes();
    }

    interface Upload {
        /** Largest source archive accepted, compressed. */
        @WithDefault("104857600")
        long maxBytes();

        @WithDefault("524288000")
        long maxUnpackedBytes();

        @WithDefault("50000")
        int maxEntries();
    }

    interface Kafka {
        @WithDefault("${kafka.bootstrap.servers}")
        String bootstrapServers();

        @WithDefault("3")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        @WithDefault("7d")
        Duration logRetention();
    }

    interface Stages {
        @WithDefault("20m")
        Duration buildTimeout();

        /** Covers the app's own health-check timeout, which can be up to 10 minutes. */
        @WithDefault("15m")
        Duration deployTimeout();

        @WithDefault("2m")
        Duration proxyTimeout();

        @WithDefault("10m")
        Duration hookTimeout();

        @WithDefault("3")
        int maxAttempts();

        @WithDefault("5s")
        Duration backoff();

        @WithDefault("1m")
        Duration maxBackoff();

        default StagePolicy policy() {
            return new StagePolicy(Map.of(Stage.BUILD, buildTimeout(), Stage.DEPLOY, deployTimeout(),
                    Stage.PROXY, proxyTimeout(), Stage.HOOK, hookTimeout()), maxAttempts(), backoff(), maxBackoff());
        }
    }

    interface Outbox {
        /** How many commands one relay pass publishes at most. */
        @WithDefault("100")
        int batchSize();
    }
}
