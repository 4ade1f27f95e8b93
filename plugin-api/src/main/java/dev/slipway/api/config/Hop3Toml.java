package dev.slipway.api.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads Hop3's own {@code hop3.toml} (its keys, as Hop3's validator knows them) into Slipway's model,
 * so a Hop3 app deploys unchanged. What Hop3 accepts but Slipway cannot honour is refused by name,
 * with what to do instead; what neither knows is refused as in {@code slipway.toml}, with the allowed keys.
 *
 * <p>The mapping: {@code [build] builder} auto/local/other → build strategy none/{@code native}/same,
 * {@code toolchain} (Hop3's {@code java} is {@code java-maven}), {@code before-build}/{@code after-build}
 * → the same build commands; {@code [run] start} → {@code web}, {@code [run.workers]} → more process
 * types, {@code before-run} → run before each of them; {@code start-timeout} (seconds) → the
 * health check's timeout; {@code [env]}; {@code [healthcheck] path}/{@code timeout}; {@code [[addons]]}
 * (or the older {@code [[provider]]}); {@code [domains] list}; {@code [metadata]} is checked and kept out.
 */
final class Hop3Toml {

    static final String FILE = AppConfigLoader.HOP3_TOML;

    private static final Map<String, Set<String>> KEYS = Map.of(
            "metadata", Set.of("id", "version", "title", "description", "author", "license", "name", "homepage",
                    "categories", "tags"),
            "build", Set.of("builder", "toolchain", "before-build", "after-build", "static-dir", "build", "test",
                    "packages", "pip-install", "ignore", "node-version"),
            "run", Set.of("start", "before-run", "workers", "start-timeout", "packages", "static", "healthcheck",
                    "healthcheck-timeout"),
            "healthcheck", Set.of("path", "timeout", "interval", "retries", "contains"),
            "domains", Set.of("list", "_policy"));
    /** Sections Hop3 has that need what Slipway does not do, and what to do instead. */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("build.build", "put the command in before-build or after-build"),
            Map.entry("build.test", "run the tests before you deploy"),
            Map.entry("build.packages", "install the system packages on the server (bin/slipway setup --toolchains)"),
            Map.entry("run.packages", "install the system packages on the server (bin/slipway setup --toolchains)"),
            Map.entry("build.pip-install", "name the packages in requirements.txt"),
            Map.entry("build.ignore", "leave the files out of what you deploy"),
            Map.entry("build.node-version", "the server's node is used"),
            Map.entry("run.static", "serve the files from the app, or deploy them as a static app"),
            Map.entry("static", "serve the files from the app, or deploy them as a static app"),
            Map.entry("healthcheck.contains", "answer the health check path with a status below 400 when healthy"),
            Map.entry("port", "Slipway gives each web process its port in $PORT: listen on that"),
            Map.entry("ports", "Slipway routes HTTP only"),
            Map.entry("backup", "back up the app's [[storage]] directories yourself"),
            Map.entry("docker", "deploy with a Dockerfile"),
            Map.entry("volumes", "declare [[storage]] in a slipway.toml"),
            Map.entry("limits", "give [limits] in a slipway.toml"),
            Map.entry("waf", "put the rules in front of the proxy"),
            Map.entry("contexts", "use one app per context"),
            Map.entry("test", "run the tests before you deploy"),
            Map.entry("nix", "build with a toolchain"),
            Map.entry("domains._policy", "the domains given are the app's"));
    private static final Set<String> SECTIONS = Set.of("metadata", "build", "run", "env", "healthcheck", "addons",
            "provider", "domains");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private final TomlParseResult toml;

    private Hop3Toml(TomlParseResult toml) {
        this.toml = toml;
    }

    static TomlFile parse(String text) throws ConfigException {
        TomlParseResult result = Toml.parse(text);
        if (result.hasErrors()) {
            TomlParseError first = result.errors().get(0);
            throw new ConfigException(FILE + " line " + first.position().line() + ", column "
                    + first.position().column() + ": " + first.getMessage());
        }
        return new Hop3Toml(result).read();
    }

    private TomlFile read() throws ConfigException {
        for (String section : toml.keySet()) {
            refuseUnsupported(section);
            if (!SECTIONS.contains(section)) {
                throw error(section, "unknown section [" + Names.printable(section) + "]; allowed: "
                        + String.join(", ", new TreeSet<>(SECTIONS)));
            }
        }
        for (Map.Entry<String, Set<String>> section : KEYS.entrySet()) {
            TomlTable table = table(section.getKey());
            if (table != null) {
                for (String key : table.keySet()) {
                    refuseUnsupported(section.getKey() + "." + key);
                    if (!section.getValue().contains(key)) {
                        throw error(section.getKey() + "." + key, "[" + section.getKey() + "] key \""
                                + Names.printable(key) + "\" is unknown; allowed: "
                                + String.join(", ", new TreeSet<>(section.getValue())));
                    }
                }
            }
        }
        metadata();
        Map<String, String> env = env();
        AppConfig config = new AppConfig(
                new AppConfig.Build(builder(), toolchain(), relativePath("build.static-dir"),
                        commands("build.before-build"), commands("build.after-build")),
                new AppConfig.Deploy(null),
                processes(),
                env,
                healthcheck(),
                Map.of(),
                new AppConfig.Proxy(AppConfigParser.domains(toml, List.of("domains", "list"), "[domains] list", FILE)),
                AppConfigParser.addons(toml, addonsKey(), FILE),
                Map.of(),
                AppConfig.Limits.NONE,
                AppConfig.Retry.NONE,
                null,
                List.of());
        return new TomlFile(config, toml.contains("healthcheck") || toml.contains("run.healthcheck")
                || toml.contains("run.healthcheck-timeout") || toml.contains("run.start-timeout"),
                commands("run.before-run"));
    }

    private void refuseUnsupported(String dottedKey) throws ConfigException {
        String instead = UNSUPPORTED.get(dottedKey);
        if (instead != null) {
            String name = dottedKey.contains(".") ? "[" + dottedKey.replaceFirst("\\.", "] ") : "[" + dottedKey + "]";
            throw error(dottedKey, name + " is Hop3's, and Slipway does not support it: " + instead);
        }
    }

    private void metadata() throws ConfigException {
        for (String key : List.of("id", "version", "title", "description", "author", "license", "name", "homepage")) {
            string("metadata." + key);
        }
        for (String key : List.of("categories", "tags")) {
            Object value = toml.get(List.of("metadata", key));
            if (value != null && !(value instanceof TomlArray array && array.toList().stream().allMatch(String.class::isInstance))) {
                throw error("metadata." + key, "[metadata] " + key + " must be an array of strings");
            }
        }
    }

    private String builder() throws ConfigException {
        String builder = string("build.builder");
        if (builder == null || builder.equals("auto")) {
            return null;
        }
        return builder.equals("local") ? "native" : strategyName("build.builder", builder);
    }

    private String toolchain() throws ConfigException {
        String toolchain = string("build.toolchain");
        return toolchain == null ? null : strategyName("build.toolchain", toolchain.equals("java") ? "java-maven" : toolchain);
    }

    /**
     * {@code [run] start} as {@code web} (a list runs in order, each only if the one before succeeded)
     * and {@code [run.workers]} as the other types (a {@code web} there wins over {@code start}).
     */
    private Map<String, String> processes() throws ConfigException {
        Map<String, String> processes = new LinkedHashMap<>();
        List<String> start = commands("run.start");
        if (!start.isEmpty()) {
            processes.put("web", start.size() == 1 ? start.get(0) : TomlFile.chained(start));
        }
        Object workers = toml.get(List.of("run", "workers"));
        if (workers != null) {
            if (!(workers instanceof TomlTable table)) {
                throw error("run.workers", "[run] workers must be a table of process type to command ([run.workers])");
            }
            for (String type : table.keySet()) {
                if (!Names.PROCESS_TYPE.matcher(type).matches()) {
                    throw error("run.workers", "[run.workers] key \"" + Names.printable(type)
                            + "\" is invalid: a lower-case process type such as worker");
                }
                if (!(table.get(List.of(type)) instanceof String command) || command.isBlank()) {
                    throw error("run.workers", "[run.workers] " + type + " must be a non-empty string (a command line)");
                }
                processes.put(type, command);
            }
        }
        return processes;
    }

    private Map<String, String> env() throws ConfigException {
        TomlTable table = table("env");
        Map<String, String> env = new LinkedHashMap<>();
        if (table == null) {
            return env;
        }
        for (String key : table.keySet()) {
            Object value = table.get(List.of(key));
            if (value instanceof TomlTable) {
                throw error("env." + key, "[env] " + Names.printable(key) + " is a Hop3 generated or referenced value,"
                        + " which Slipway does not support: set it as a config var (slip config APP " + key + "=…)");
            }
            String problem = Names.envKeyProblem(key);
            if (problem != null) {
                throw error("env." + key, "[env] " + problem);
            }
            if (!(value instanceof String || value instanceof Long || value instanceof Boolean || value instanceof Double)) {
                throw error("env." + key, "[env] " + key + " must be a string, number or boolean");
            }
            env.put(key, value.toString());
        }
        return env;
    }

    private AppConfig.Healthcheck healthcheck() throws ConfigException {
        String path = string("healthcheck.path");
        if (path == null) {
            path = string("run.healthcheck");
        }
        if (path != null && (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127))) {
            throw error("healthcheck.path", "[healthcheck] path must start with '/' and contain no spaces, e.g. \"/healthz\"");
        }
        for (String key : List.of("healthcheck.interval", "healthcheck.retries")) {
            seconds(key);
        }
        Duration timeout = seconds("healthcheck.timeout");
        for (String key : List.of("run.healthcheck-timeout", "run.start-timeout")) {
            if (timeout == null) {
                timeout = seconds(key);
            }
        }
        return new AppConfig.Healthcheck(path, timeout == null ? AppConfig.DEFAULT_HEALTHCHECK_TIMEOUT : timeout);
    }

    /** A whole number of seconds from 1 to 600 (Hop3 writes them as numbers), or {@code null}. */
    private Duration seconds(String dottedKey) throws ConfigException {
        Object value = toml.get(List.of(dottedKey.split("\\.")));
        if (value == null) {
            return null;
        }
        long seconds = value instanceof Long n ? n : value instanceof Double d && d == Math.floor(d) ? d.longValue() : -1;
        if (seconds < 1 || seconds > MAX_TIMEOUT.toSeconds()) {
            throw error(dottedKey, keyName(dottedKey) + " must be a number of seconds from 1 to " + MAX_TIMEOUT.toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }

    /** Hop3's older spelling of the same list, {@code [[provider]]}, when there is no {@code [[addons]]}. */
    private String addonsKey() throws ConfigException {
        if (toml.contains("addons") && toml.contains("provider")) {
            throw error("provider", "[[addons]] and [[provider]] are the same list (provider is its older name): keep one");
        }
        return toml.contains("provider") ? "provider" : "addons";
    }

    /** A command or a list of commands (Hop3 allows both), each a non-empty string. */
    private List<String> commands(String dottedKey) throws ConfigException {
        Object value = toml.get(List.of(dottedKey.split("\\.")));
        List<String> commands = new ArrayList<>();
        if (value == null) {
            return commands;
        }
        List<Object> items = value instanceof TomlArray array ? array.toList() : List.of(value);
        for (Object item : items) {
            if (!(item instanceof String command) || command.isBlank()) {
                throw error(dottedKey, keyName(dottedKey) + " must be a command line or an array of them, not "
                        + (item instanceof TomlTable ? "a table" : item instanceof String ? "an empty string"
                        : "a " + item.getClass().getSimpleName().toLowerCase()));
            }
            if (command.strip().endsWith("\\")) {
                throw error(dottedKey, keyName(dottedKey) + " ends with a backslash, which would join it to what runs next");
            }
            commands.add(command);
        }
        return commands;
    }

    private String relativePath(String dottedKey) throws ConfigException {
        String path = string(dottedKey);
        if (path != null && (path.startsWith("/") || List.of(path.split("/")).contains(".."))) {
            throw error(dottedKey, keyName(dottedKey) + " must be a path inside the app, without '..'");
        }
        return path;
    }

    private String strategyName(String dottedKey, String name) throws ConfigException {
        if (!Names.STRATEGY.matcher(name).matches()) {
            throw error(dottedKey, keyName(dottedKey) + " \"" + Names.printable(name)
                    + "\" is not a strategy name: use lower-case letters, digits and '-'");
        }
        return name;
    }

    private String string(String dottedKey) throws ConfigException {
        Object value = toml.get(List.of(dottedKey.split("\\.")));
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw error(dottedKey, keyName(dottedKey) + " must be a non-empty string");
        }
        return text;
    }

    private TomlTable table(String section) throws ConfigException {
        Object value = toml.get(List.of(section));
        if (value != null && !(value instanceof TomlTable table)) {
            throw error(section, "\"" + section + "\" must be a table ([" + section + "])");
        }
        return (TomlTable) value;
    }

    private static String keyName(String dottedKey) {
        int dot = dottedKey.indexOf('.');
        return "[" + dottedKey.substring(0, dot) + "] " + dottedKey.substring(dot + 1);
    }

    private ConfigException error(String dottedKey, String message) {
        TomlPosition position = toml.inputPositionOf(List.of(dottedKey.split("\\.")));
        if (position == null) {
            position = toml.inputPositionOf(List.of(dottedKey.split("\\.")[0]));
        }
        return new ConfigException((position == null ? FILE : FILE + " line " + position.line()) + ": " + message);
    }
}
