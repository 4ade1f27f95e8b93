package dev.slipway.api.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an app's configuration files from its source and merges them, the more specific winning key
 * by key: {@code slipway.toml} or Hop3's {@code hop3.toml} (one of the two: both is refused), then
 * {@code app.json} (Heroku's and Dokku's), then {@code Procfile} for the process types and
 * {@code .env} for the environment. Config vars set through the API win over all of them when the
 * app runs. docs/README.md has the table.
 */
public final class AppConfigLoader {

    /** The files the loader reads, relative to the root of the app's source. */
    public static final String SLIPWAY_TOML = "slipway.toml";
    public static final String HOP3_TOML = "hop3.toml";
    public static final String APP_JSON = AppJson.FILE;
    public static final String PROCFILE = "Procfile";
    public static final String DOT_ENV = ".env";
    /** Every file the loader may read. */
    public static final Set<String> FILES = Set.of(SLIPWAY_TOML, HOP3_TOML, APP_JSON, PROCFILE, DOT_ENV);
    /** Configuration files larger than this are refused rather than read. */
    public static final int MAX_FILE_BYTES = 256 * 1024;

    /** Reads one file of the app's source by its name, or empty when there is none. */
    @FunctionalInterface
    public interface SourceFiles {
        Optional<String> read(String name) throws IOException;
    }

    /**
     * Parses JSON text into plain Java values (maps, lists, strings, numbers, booleans, null): the
     * host's JSON library, so that this API needs none. Its message says where the text is wrong.
     */
    @FunctionalInterface
    public interface JsonReader {
        Object read(String text) throws IOException;

        /** For hosts that read no {@code app.json}: one is refused. */
        JsonReader NONE = text -> {
            throw new IOException("app.json is not read here");
        };
    }

    private AppConfigLoader() {
    }

    /** The files of the tree at {@code root}, without {@code app.json} (plugins and their tests). */
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
        }, JsonReader.NONE);
    }

    public static AppConfig load(SourceFiles files) throws ConfigException, IOException {
        return load(files, JsonReader.NONE);
    }

    public static AppConfig load(SourceFiles files, JsonReader json) throws ConfigException, IOException {
        Optional<String> slipway = files.read(SLIPWAY_TOML);
        Optional<String> hop3 = files.read(HOP3_TOML);
        if (slipway.isPresent() && hop3.isPresent()) {
            throw new ConfigException(SLIPWAY_TOML + " and " + HOP3_TOML + " are both in the app's source: keep one"
                    + " (they say the same things, and one would be silently ignored)");
        }
        String tomlName = hop3.isPresent() ? HOP3_TOML : SLIPWAY_TOML;
        TomlFile tomlFile = slipway.isPresent() ? AppConfigParser.file(slipway.get(), SLIPWAY_TOML)
                : hop3.isPresent() ? Hop3Toml.parse(hop3.get()) : new TomlFile(AppConfig.empty(), false, List.of());
        AppConfig config = tomlFile.config();
        Optional<String> appJsonText = files.read(APP_JSON);
        AppJson appJson = appJsonText.isPresent() ? AppJson.read(parseJson(json, appJsonText.get())) : null;

        Map<String, String> processes = new LinkedHashMap<>();
        Optional<String> procfile = files.read(PROCFILE);
        if (procfile.isPresent()) {
            processes.putAll(Procfile.parse(procfile.get()));
        }
        processes.putAll(config.processes());
        if (!tomlFile.beforeRun().isEmpty()) {
            if (!processes.containsKey("web")) {
                throw new ConfigException(HOP3_TOML + ": [run] before-run runs before each process, and there is no web"
                        + " process to run it before: give [run] start (a toolchain's own default is chosen only at the build)");
            }
            // Hop3 runs it before every start of the app: each process, from whichever file.
            processes.replaceAll((type, command) -> {
                List<String> chain = new ArrayList<>(tomlFile.beforeRun());
                chain.add(command);
                return TomlFile.chained(chain);
            });
        }
        Map<String, String> hooks = new LinkedHashMap<>();
        if (appJson != null) {
            hooks.putAll(appJson.hooks());
        }
        hooks.putAll(config.hooks());
        if (hooks.containsKey(AppConfig.RELEASE) && processes.containsKey(AppConfig.RELEASE)) {
            throw new ConfigException(tomlName + ": [hooks] release and the release process type ("
                    + (config.processes().containsKey(AppConfig.RELEASE) ? "[run] release" : "Procfile `release:`")
                    + ") both give the release phase's command; keep one");
        }

        Map<String, String> env = new LinkedHashMap<>();
        Optional<String> dotEnv = files.read(DOT_ENV);
        if (dotEnv.isPresent()) {
            env.putAll(DotEnv.parse(dotEnv.get()));
        }
        if (appJson != null) {
            env.putAll(appJson.env());
        }
        env.putAll(config.env());

        AppConfig.Healthcheck healthcheck = config.healthcheck();
        List<AppConfig.Addon> addons = config.addons();
        if (appJson != null) {
            healthcheck = tomlFile.declaresHealthcheck() ? healthcheck : appJson.healthcheck();
            addons = addons.isEmpty() ? appJson.addons() : addons;
        }
        return new AppConfig(config.build(), config.deploy(), processes, env, healthcheck, hooks,
                config.proxy(), addons, config.sealedEnv(), config.limits(), config.retry(), null,
                config.storage(), appJson == null ? AppConfig.Declared.NONE : appJson.declared());
    }

    private static Object parseJson(JsonReader json, String text) throws ConfigException {
        try {
            return json.read(text);
        } catch (IOException e) {
            throw new ConfigException(APP_JSON + ": " + e.getMessage());
        }
    }
}
