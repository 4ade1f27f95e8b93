package dev.slipway.workers.stage;

import dev.slipway.workers.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What strategies get besides the command itself: the environment (the worker's pass-through
 * variables, then the app's own) and each strategy's settings from the worker's configuration.
 */
@ApplicationScoped
public class StageEnvironment {

    private final WorkerConfig config;
    private final Map<String, String> passedThrough;

    public StageEnvironment(WorkerConfig config) {
        this.config = config;
        Map<String, String> own = new LinkedHashMap<>();
        for (String name : config.passEnv()) {
            String value = System.getenv(name);
            if (value != null) {
                own.put(name, value);
            }
        }
        this.passedThrough = Map.copyOf(own);
    }

    public Map<String, String> env(Map<String, String> appEnv) {
        Map<String, String> env = new LinkedHashMap<>(passedThrough);
        env.putAll(appEnv);
        return env;
    }

    /** The settings a strategy reads from {@code StageContext.config()}. */
    public Map<String, String> settings(String strategy) {
        return switch (strategy) {
            case "native" -> Map.of("timeout", Long.toString(config.build().timeout().toSeconds()));
            case "process" -> Map.of("port-range", config.deploy().portRange(),
                    "advertise-host", config.deploy().advertiseHost());
            case "nginx" -> Map.of("prefix", home("nginx").toString(),
                    "listen-port", Integer.toString(config.proxy().port()),
                    "listen-address", config.proxy().listenAddress());
            default -> Map.of();
        };
    }

    public Path home(String first, String... more) {
        return config.home().resolve(Path.of(first, more));
    }
}
