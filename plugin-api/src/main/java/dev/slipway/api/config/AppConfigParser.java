package dev.slipway.api.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Parses {@code slipway.toml} (and {@code hop3.toml}, which has the same shape). Every error names
 * the file, the line, the key and what is allowed, so the user can fix it before anything is built.
 */
public final class AppConfigParser {

    public static final Set<String> HOOK_POINTS = Set.copyOf(dev.slipway.api.HookPoints.OF_APP_CONFIG);
    private static final Map<String, Set<String>> KEYS = Map.of(
            "build", Set.of("strategy", "toolchain", "static-dir", "before-build", "after-build"),
            "deploy", Set.of("strategy"),
            "healthcheck", Set.of("path", "timeout"),
            "hooks", Stream.concat(HOOK_POINTS.stream(), Stream.of(AppConfig.RELEASE)).collect(Collectors.toSet()),
            "proxy", Set.of("domains"),
            "limits", Set.of("processes", "open-files", "memory", "file-size", "cpu-time"),
            "retry", Set.of("attempts", "backoff"));
    private static final Set<String> SECTIONS = Set.of("build", "deploy", "run", "env", "healthcheck", "hooks",
            "proxy", "addons", "limits", "retry", "storage");
    /** Each one is a directory the host keeps; a few are plenty for uploads, a database file, a cache. */
    public static final int MAX_STORAGE = 16;
    private static final Set<String> ARRAYS_OF_TABLES = Set.of("addons", "storage");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,7})([kKmMgG]?)");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s|m|h)");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Duration MAX_HEALTHCHECK_TIMEOUT = Duration.ofMinutes(10);
    /** More attempts than this only make a broken deployment take longer to say so. */
    public static final int MAX_RETRY_ATTEMPTS = 10;
    private static final Duration MAX_RETRY_BACKOFF = Duration.ofMinutes(10);

    private final String file;
    private final TomlParseResult toml;

    private AppConfigParser(String file, TomlParseResult toml) {
        this.file = file;
        this.toml = toml;
    }

    public static AppConfig parse(String text, String file) throws ConfigException {
        return file(text, file).config();
    }

    /** The configuration, and whether the file has a health check of its own (for the loader). */
    static TomlFile file(String text, String file) throws ConfigException {
        TomlParseResult result = Toml.parse(text);
        if (result.hasErrors()) {
            TomlParseError first = result.errors().get(0);
            throw new ConfigException(file + " line " + first.position().line() + ", column "
                    + first.position().column() + ": " + first.getMessage());
        }
        return new TomlFile(new AppConfigParser(file, result).read(), result.contains("healthcheck"), List.of());
    }

    private AppConfig read() throws ConfigException {
        for (String section : toml.keySet()) {
            if (!SECTIONS.contains(section)) {
                throw error(section, "unknown section [" + Names.printable(section) + "]; allowed: "
                        + String.join(", ", sorted(SECTIONS)));
            }
            if (!ARRAYS_OF_TABLES.contains(section) && !toml.isTable(List.of(section))) {
                throw error(section, "\"" + section + "\" must be a table ([" + section + "])");
            }
        }
        for (Map.Entry<String, Set<String>> section : KEYS.entrySet()) {
            TomlTable table = toml.getTable(List.of(section.getKey()));
            if (table != null) {
                for (String key : table.keySet()) {
                    if (!section.getValue().contains(key)) {
                        throw error(section.getKey() + "." + key, "[" + section.getKey() + "] key \""
                                + Names.printable(key) + "\" is unknown; allowed: " + String.join(", ", sorted(section.getValue())));
                    }
                }
            }
        }
        return new AppConfig(
                new AppConfig.Build(strategyName("build", "strategy"), strategyName("build", "toolchain"),
                        relativePath("build", "static-dir"), commands("build", "before-build"),
                        commands("build", "after-build")),
                new AppConfig.Deploy(strategyName("deploy", "strategy")),
                stringTable("run", Names.PROCESS_TYPE, "a lower-case process type such as web", true),
                env(stringTable("env", Names.ENV_KEY, "letters, digits and '_', not starting with a digit", false)),
                new AppConfig.Healthcheck(healthcheckPath(), healthcheckTimeout()),
                stringTable("hooks", Pattern.compile(".*"), "", true),
                new AppConfig.Proxy(domains(toml, List.of("proxy", "domains"), "[proxy] domains", file)),
                addons(toml, "addons", file),
                Map.of(),
                limits(),
                retry(),
                null,
                storage());
    }

    /** {@code [[storage]]} entries: a path each, none inside another, so each directory has one owner. */
    private List<String> storage() throws ConfigException {
        Object value = toml.get(List.of("storage"));
        List<String> paths = new ArrayList<>();
        if (value == null) {
            return paths;
        }
        if (!(value instanceof TomlArray array) || array.toList().stream().anyMatch(item -> !(item instanceof TomlTable))) {
            throw error("storage", "storage must be an array of tables: [[storage]] with path = \"data\"");
        }
        if (array.size() > MAX_STORAGE) {
            throw error("storage", "at most " + MAX_STORAGE + " [[storage]] entries, not " + array.size());
        }
        for (int i = 0; i < array.size(); i++) {
            TomlTable table = array.getTable(i);
            String where = file + " line " + array.inputPositionOf(i).line() + ": [[storage]] entry " + (i + 1);
            for (String key : table.keySet()) {
                if (!key.equals("path")) {
                    throw new ConfigException(where + ": key \"" + Names.printable(key) + "\" is unknown; allowed: path");
                }
            }
            if (!(table.get(List.of("path")) instanceof String path)) {
                throw new ConfigException(where + " needs path = \"<directory in the app>\", e.g. \"data\"");
            }
            String normal = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            String problem = Names.storagePathProblem(normal);
            if (problem != null) {
                throw new ConfigException(where + ": " + problem);
            }
            for (String earlier : paths) {
                if (Names.storageOverlap(earlier, normal)) {
                    throw new ConfigException(where + ": storage path \"" + normal + "\" overlaps \"" + earlier
                            + "\"; storage directories may not be inside one another");
                }
            }
            paths.add(normal);
        }
        return paths;
    }

    private AppConfig.Retry retry() throws ConfigException {
        Object attempts = toml.get(List.of("retry", "attempts"));
        if (attempts != null && (!(attempts instanceof Long n) || n < 1 || n > MAX_RETRY_ATTEMPTS)) {
            throw error("retry.attempts", "[retry] attempts must be a whole number from 1 to " + MAX_RETRY_ATTEMPTS
                    + " (1: never issue a stage again)");
        }
        return new AppConfig.Retry(attempts == null ? null : ((Long) attempts).intValue(),
                duration("retry", "backoff", MAX_RETRY_BACKOFF));
    }

    private Map<String, String> env(Map<String, String> env) throws ConfigException {
        for (String key : env.keySet()) {
            String problem = Names.envKeyProblem(key);
            if (problem != null) {
                throw error("env." + key, "[env] " + problem);
            }
        }
        return env;
    }

    private AppConfig.Limits limits() throws ConfigException {
        return new AppConfig.Limits(count("processes"), count("open-files"), size("memory"), size("file-size"),
                duration("limits", "cpu-time", Duration.ofDays(1)));
    }

    private Long count(String key) throws ConfigException {
        Object value = toml.get(List.of("limits", key));
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long n) || n < 1 || n > 1_000_000) {
            throw error("limits." + key, "[limits] " + key + " must be a whole number from 1 to 1000000");
        }
        return n;
    }

    /** A {@code [limits]} size such as "512M" (units k, M, G: powers of 1024), in bytes. */
    private Long size(String key) throws ConfigException {
        String text = string("limits", key);
        if (text == null) {
            return null;
        }
        Matcher m = SIZE.matcher(text);
        long bytes = m.matches() ? Long.parseLong(m.group(1)) << switch (m.group(2)) {
            case "k", "K" -> 10;
            case "m", "M" -> 20;
            case "g", "G" -> 30;
            default -> 0;
        } : -1;
        if (bytes < 1024 * 1024) {
            throw error("limits." + key, "[limits] " + key + " \"" + Names.printable(text) + "\" is invalid: use a"
                    + " size such as \"512M\" or \"2G\" (k, M, G), at least 1M");
        }
        return bytes;
    }

    private String string(String section, String key) throws ConfigException {
        List<String> path = List.of(section, key);
        Object value = toml.get(path);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw error(section + "." + key, "[" + section + "] " + key + " must be a non-empty string");
        }
        return text;
    }

    private String strategyName(String section, String key) throws ConfigException {
        String name = string(section, key);
        if (name != null && !Names.STRATEGY.matcher(name).matches()) {
            throw error(section + "." + key, "[" + section + "] " + key + " \"" + Names.printable(name)
                    + "\" is not a strategy name: use lower-case letters, digits and '-'");
        }
        return name;
    }

    private String relativePath(String section, String key) throws ConfigException {
        String path = string(section, key);
        if (path != null && (path.startsWith("/") || List.of(path.split("/")).contains(".."))) {
            throw error(section + "." + key, "[" + section + "] " + key + " must be a path inside the app, without '..'");
        }
        return path;
    }

    /** A command line, or an array of them run in order, each a non-empty string. */
    private List<String> commands(String section, String key) throws ConfigException {
        Object value = toml.get(List.of(section, key));
        List<String> commands = new ArrayList<>();
        if (value == null) {
            return commands;
        }
        for (Object item : value instanceof TomlArray array ? array.toList() : List.of(value)) {
            if (!(item instanceof String command) || command.isBlank()) {
                throw error(section + "." + key, "[" + section + "] " + key
                        + " must be a command line or an array of command lines, each a non-empty string");
            }
            commands.add(command);
        }
        return commands;
    }

    /**
     * A table of scalar values. Commands ({@code [run]}, {@code [hooks]}) must be strings: a number or
     * an array there is a mistake that would otherwise run as something the author did not write.
     */
    private Map<String, String> stringTable(String section, Pattern keyShape, String keyRule, boolean stringsOnly)
            throws ConfigException {
        TomlTable table = toml.getTable(List.of(section));
        Map<String, String> values = new LinkedHashMap<>();
        if (table == null) {
            return values;
        }
        for (String key : table.keySet()) {
            String where = section + "." + key;
            if (!keyShape.matcher(key).matches()) {
                throw error(where, "[" + section + "] key \"" + Names.printable(key) + "\" is invalid: " + keyRule);
            }
            Object value = table.get(List.of(key));
            if (stringsOnly && !(value instanceof String text && !text.isBlank())) {
                throw error(where, "[" + section + "] " + key + " must be a non-empty string (a command line), not "
                        + typeOf(value));
            }
            if (value instanceof String || value instanceof Long || value instanceof Boolean || value instanceof Double) {
                values.put(key, value.toString());
            } else {
                throw error(where, "[" + section + "] " + key + " must be a string, number or boolean");
            }
        }
        return values;
    }

    private String healthcheckPath() throws ConfigException {
        String path = string("healthcheck", "path");
        if (path != null && (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127))) {
            throw error("healthcheck.path", "[healthcheck] path must start with '/' and contain no spaces, e.g. \"/healthz\"");
        }
        return path;
    }

    private Duration healthcheckTimeout() throws ConfigException {
        Duration timeout = duration("healthcheck", "timeout", MAX_HEALTHCHECK_TIMEOUT);
        return timeout == null ? AppConfig.DEFAULT_HEALTHCHECK_TIMEOUT : timeout;
    }

    /** A duration such as "30s", at most {@code max}; {@code null} when absent. */
    private Duration duration(String section, String key, Duration max) throws ConfigException {
        String text = string(section, key);
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text);
        Duration timeout = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            timeout = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        if (timeout == null || timeout.isZero() || timeout.compareTo(max) > 0) {
            throw error(section + "." + key, "[" + section + "] " + key + " \"" + Names.printable(text)
                    + "\" is invalid: use a number and a unit (ms, s, m, h) such as \"30s\", at most "
                    + max.toString().substring(2).toLowerCase());
        }
        return timeout;
    }

    private static String typeOf(Object value) {
        if (value instanceof TomlArray) {
            return "an array";
        }
        if (value instanceof TomlTable) {
            return "a table";
        }
        if (value instanceof String) {
            return "an empty string";
        }
        return value instanceof Boolean ? "a boolean" : "a number";
    }

    /** Host names at {@code path}, normalised as DNS compares them: lower case, without the root's trailing dot, once each. */
    static List<String> domains(TomlParseResult toml, List<String> path, String name, String file) throws ConfigException {
        Object value = toml.get(path);
        List<String> domains = new ArrayList<>();
        if (value == null) {
            return domains;
        }
        if (!(value instanceof TomlArray array)) {
            throw error(toml, file, path, name + " must be an array of host names");
        }
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            String domain = item instanceof String text ? normalisedDomain(text) : null;
            if (domain == null || !DOMAIN.matcher(domain).matches()) {
                throw error(toml, file, path, name + "[" + i + "] "
                        + (item instanceof String text ? "\"" + Names.printable(text) + "\" " : "")
                        + "must be a host name such as \"hello.example.com\"");
            }
            if (!domains.contains(domain)) {
                domains.add(domain);
            }
        }
        return domains;
    }

    private static String normalisedDomain(String text) {
        // ASCII only (IDNs in their xn-- form): lower-casing some non-ASCII letters yields ASCII ones.
        if (text.chars().anyMatch(c -> c > 127)) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * The array of tables at {@code key}: {@code [[addons]]}, or Hop3's older {@code [[provider]]},
     * whose entries may name their type as {@code name}.
     */
    static List<AppConfig.Addon> addons(TomlParseResult toml, String key, String file) throws ConfigException {
        Object value = toml.get(List.of(key));
        List<AppConfig.Addon> addons = new ArrayList<>();
        if (value == null) {
            return addons;
        }
        if (!(value instanceof TomlArray array) || array.toList().stream().anyMatch(item -> !(item instanceof TomlTable))) {
            throw error(toml, file, List.of(key), key + " must be an array of tables: [[" + key + "]] with type = \"postgres\"");
        }
        for (int i = 0; i < array.size(); i++) {
            TomlTable table = array.getTable(i);
            String typeKey = key.equals("provider") && !table.contains("type") ? "name" : "type";
            Object type = table.get(List.of(typeKey));
            if (!(type instanceof String name) || !Names.STRATEGY.matcher(name).matches()) {
                throw new ConfigException(file + " line " + array.inputPositionOf(i).line() + ": [[" + key + "]] entry "
                        + (i + 1) + " needs " + typeKey + " = \"<addon name>\", e.g. \"postgres\"");
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (String option : table.keySet()) {
                if (!option.equals(typeKey)) {
                    options.put(option, String.valueOf(table.get(List.of(option))));
                }
            }
            addons.add(new AppConfig.Addon(name, options));
        }
        return addons;
    }

    private static ConfigException error(TomlParseResult toml, String file, List<String> path, String message) {
        TomlPosition position = toml.inputPositionOf(path);
        return new ConfigException((position == null ? file : file + " line " + position.line()) + ": " + message);
    }

    private ConfigException error(String dottedKey, String message) {
        TomlPosition position = toml.inputPositionOf(List.of(dottedKey.split("\\.", 2)));
        String where = position == null ? file : file + " line " + position.line();
        return new ConfigException(where + ": " + message);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
