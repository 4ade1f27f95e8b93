package dev.slipway.api.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an app's configuration files from its source: {@code slipway.toml} (or {@code hop3.toml}),
 * {@code Procfile} and {@code .env}. What {@code slipway.toml} says wins over the other two.
 */
public final class AppConfigLoader {

    /** The files the loader reads, relative to the root of the app's source. */
    public static final String SLIPWAY_TOML = "slipway.toml";
    public static final String HOP3_TOML = "hop3.toml";
    public static final String PROCFILE = "Procfile";
    public static final String DOT_ENV = ".env";
    /** Configuration files larger than this are refused rather than read. */
    public static final int MAX_FILE_BYTES = 256 * 1024;

    /** Reads one file of the app's source by its name, or empty when there is none. */
    @FunctionalInterface
    public interface SourceFiles {
        Optional<String> read(String name) throws IOException;
    }

    private AppConfigLoader() {
    }

    public static AppConfig load(Path root) throws ConfigException, IOException {
        return load(name -> {
            Path file = root.resolve(name);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException(name + " is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        });
    }

    public static AppConfig load(SourceFiles files) throws ConfigException, IOException {
        Optional<String> slipway = files.read(SLIPWAY_TOML);
        String tomlName = slipway.isPresent() ? SLIPWAY_TOML : HOP3_TOML;
        Optional<String> toml = slipway.isPresent() ? slipway : files.read(HOP3_TOML);
        AppConfig config = toml.isPresent() ? AppConfigParser.parse(toml.get(), tomlName) : AppConfig.empty();

        Map<String, String> processes = new LinkedHashMap<>();
        Optional<String> procfile = files.read(PROCFILE);
        if (procfile.isPresent()) {
            processes.putAll(Procfile.parse(procfile.get()));
        }
        processes.putAll(config.processes());
        if (config.hooks().containsKey(AppConfig.RELEASE) && processes.containsKey(AppConfig.RELEASE)) {
            throw new ConfigException(tomlName + ": [hooks] release and the release process type ("
                    + (config.processes().containsKey(AppConfig.RELEASE) ? "[run] release" : "Procfile `release:`")
                    + ") both give the release phase's command; keep one");
        }

        Map<String, String> env = new LinkedHashMap<>();
        Optional<String> dotEnv = files.read(DOT_ENV);
        if (dotEnv.isPresent()) {
            env.putAll(DotEnv.parse(dotEnv.get()));
        }
        env.putAll(config.env());

        return new AppConfig(config.build(), config.deploy(), processes, env, config.healthcheck(), config.hooks(),
                config.proxy(), config.addons(), config.sealedEnv(), config.limits(), config.retry(), null,
                config.storage());
    }
}
