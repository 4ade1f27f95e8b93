package dev.slipway.workers.stage;

import dev.slipway.api.StageException;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.config.Names;
import dev.slipway.messaging.secrets.KeyFile;
import dev.slipway.messaging.secrets.SecretBox;
import io.quarkus.runtime.Startup;
import dev.slipway.workers.WorkerConfig;
import dev.slipway.workers.isolation.Isolation;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What strategies get besides the command itself: the environment (the worker's pass-through
 * variables, then the app's own) and each strategy's settings from the worker's configuration.
 * Made at start, so that a missing or wrong key file stops the worker there, not at a stage.
 */
@Startup
@ApplicationScoped
public class StageEnvironment {

    private final WorkerConfig config;
    private final Map<String, String> passedThrough;
    private final Optional<KeyFile> keys;

    public StageEnvironment(WorkerConfig config) {
        this.config = config;
        this.keys = config.secrets().keyFile().map(KeyFile::new);
        Map<String, String> own = new LinkedHashMap<>();
        for (String name : config.passEnv()) {
            String value = System.getenv(name);
            if (value != null) {
                own.put(name, value);
            }
        }
        this.passedThrough = Map.copyOf(own);
    }

    /**
     * What an app's stage runs with: the worker's pass-through variables, the app's env, its config
     * vars opened, then what its box sets (its own HOME, TMPDIR and PATH, never the worker's).
     */
    public Map<String, String> env(String app, AppConfig config, Isolation.AppBox box) throws StageException {
        Map<String, String> env = new LinkedHashMap<>(passedThrough);
        env.putAll(config.env());
        env.putAll(opened(app, config));
        // Checked at upload too; here because the sandbox's first programs run as root with this environment.
        for (String key : env.keySet()) {
            String problem = Names.envKeyProblem(key);
            if (problem != null) {
                throw new StageException("the app's environment: " + problem);
            }
        }
        env.putAll(box.env());
        return env;
    }

    /** The worker's pass-through variables alone, for stages that run nothing of the app's. */
    public Map<String, String> baseEnv() {
        return passedThrough;
    }

    /**
     * The config vars of {@code app} in clear, for its processes and to keep them out of stage logs.
     * They open only as the app's own: a value sealed for another app or var is refused.
     */
    public Map<String, String> opened(String app, AppConfig config) throws StageException {
        if (config == null || config.sealedEnv().isEmpty()) {
            return Map.of();
        }
        if (keys.isEmpty()) {
            throw new StageException("the app has config vars, but this worker has no slipway.secrets.key-file to open"
                    + " them; give it the orchestrator's (SLIPWAY_SECRETS_KEY_FILE)");
        }
        SecretBox box = keys.get().box();
        Map<String, String> opened = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : config.sealedEnv().entrySet()) {
            try {
                opened.put(entry.getKey(), box.open(new SecretBox.Owner(app, entry.getKey()), entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new StageException("config var " + entry.getKey() + ": " + e.getMessage());
            }
        }
        return opened;
    }

    public Path home(String first, String... more) {
        return config.home().resolve(Path.of(first, more));
    }
}
