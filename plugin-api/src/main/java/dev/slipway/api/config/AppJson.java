package dev.slipway.api.config;

import dev.slipway.api.HookPoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Heroku's and Dokku's {@code app.json}, read from the JSON tree the host parsed (maps, lists,
 * strings, numbers, booleans), into what Slipway does with it: {@code scripts.dokku.predeploy} and
 * {@code postdeploy} as the {@code pre_deploy} and {@code post_deploy} hooks, the {@code web}
 * start-up health check, {@code env} (defaults, required variables, generated secrets), and
 * {@code formation} for the first release. Descriptive keys are allowed and not used; what would
 * need what Slipway does not do is refused by name.
 *
 * @param env       default values ({@code "KEY": "value"} or {@code {"value": …}})
 * @param declared  the variables required or generated, and the first release's formation
 */
record AppJson(Map<String, String> hooks, AppConfig.Healthcheck healthcheck, Map<String, String> env,
               AppConfig.Declared declared, List<AppConfig.Addon> addons) {

    static final String FILE = "app.json";
    /** Keys that describe the app; Slipway has no use for them. {@code buildpacks}: the toolchains detect the language. */
    private static final Set<String> DESCRIPTIVE = Set.of("name", "description", "keywords", "website", "repository",
            "logo", "success_url", "buildpacks", "stack", "environments", "image");
    private static final Set<String> KEYS = Set.of("scripts", "env", "formation", "healthchecks", "addons", "cron");
    /** Heroku add-on plans and the Slipway addon each becomes. */
    private static final Map<String, String> ADDON_PLANS = Map.of("heroku-postgresql", "postgres",
            "heroku-redis", "redis", "rediscloud", "redis", "openredis", "redis");
    private static final Duration MAX_HEALTHCHECK = Duration.ofMinutes(10);

    static AppJson read(Object tree) throws ConfigException {
        Map<String, Object> top = object(tree, "the file");
        for (String key : top.keySet()) {
            if (!KEYS.contains(key) && !DESCRIPTIVE.contains(key)) {
                Set<String> allowed = new TreeSet<>(KEYS);
                allowed.addAll(DESCRIPTIVE);
                throw error("key \"" + Names.printable(key) + "\" is unknown; allowed: " + String.join(", ", allowed));
            }
        }
        if (top.containsKey("cron")) {
            throw error("cron is not supported: Slipway runs no scheduled jobs; run a worker process that schedules them");
        }
        Map<String, Integer> formation = formation(top.get("formation"));
        Env env = env(top.get("env"));
        return new AppJson(scripts(top.get("scripts")), healthcheck(top.get("healthchecks")), env.values,
                new AppConfig.Declared(env.required, env.secrets, formation), addons(top.get("addons")));
    }

    private static Map<String, String> scripts(Object value) throws ConfigException {
        Map<String, String> hooks = new LinkedHashMap<>();
        if (value == null) {
            return hooks;
        }
        Map<String, Object> scripts = object(value, "scripts");
        for (String key : scripts.keySet()) {
            if (key.equals("postdeploy") || key.startsWith("pr-")) {
                throw error("scripts." + key + " is Heroku's, run once for a new review app; Slipway has no such"
                        + " moment: use scripts.dokku.postdeploy (after every deployment) or remove it");
            }
            if (!key.equals("dokku")) {
                throw error("scripts key \"" + Names.printable(key) + "\" is unknown; allowed: dokku");
            }
        }
        if (scripts.containsKey("dokku")) {
            Map<String, Object> dokku = object(scripts.get("dokku"), "scripts.dokku");
            for (Map.Entry<String, Object> entry : dokku.entrySet()) {
                String point = switch (entry.getKey()) {
                    case "predeploy" -> HookPoints.PRE_DEPLOY;
                    case "postdeploy" -> HookPoints.POST_DEPLOY;
                    default -> throw error("scripts.dokku key \"" + Names.printable(entry.getKey())
                            + "\" is unknown; allowed: predeploy, postdeploy");
                };
                hooks.put(point, command(entry.getValue(), "scripts.dokku." + entry.getKey()));
            }
        }
        return hooks;
    }

    private record Env(Map<String, String> values, Set<String> required, Set<String> secrets) {
    }

    /** Heroku's rule: a variable given as an object is required unless it says otherwise or has a value. */
    private static Env env(Object value) throws ConfigException {
        Env env = new Env(new LinkedHashMap<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        if (value == null) {
            return env;
        }
        for (Map.Entry<String, Object> entry : object(value, "env").entrySet()) {
            String key = entry.getKey();
            String problem = Names.envKeyProblem(key);
            if (problem != null) {
                throw error("env: " + problem);
            }
            if (key.equals("PORT")) {
                throw error("env.PORT is Slipway's: it gives each web process its own; listen on $PORT");
            }
            if (entry.getValue() instanceof String text) {
                env.values.put(key, text);
                continue;
            }
            Map<String, Object> spec = object(entry.getValue(), "env." + key);
            for (String field : spec.keySet()) {
                if (!Set.of("description", "value", "required", "generator", "sync").contains(field)) {
                    throw error("env." + key + " key \"" + Names.printable(field)
                            + "\" is unknown; allowed: description, generator, required, sync, value");
                }
            }
            Object generator = spec.get("generator");
            if (generator != null && !"secret".equals(generator)) {
                throw error("env." + key + ".generator must be \"secret\" (the only generator there is)");
            }
            Object required = spec.getOrDefault("required", true);
            if (!(required instanceof Boolean)) {
                throw error("env." + key + ".required must be true or false");
            }
            Object given = spec.get("value");
            if (given != null && !(given instanceof String)) {
                throw error("env." + key + ".value must be a string");
            }
            if (given != null) {
                env.values.put(key, (String) given);
            } else if (generator != null) {
                env.secrets.add(key);
            } else if ((Boolean) required) {
                env.required.add(key);
            }
        }
        return env;
    }

    private static Map<String, Integer> formation(Object value) throws ConfigException {
        if (value == null) {
            return null;
        }
        Map<String, Integer> formation = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : object(value, "formation").entrySet()) {
            String type = entry.getKey();
            if (!Names.PROCESS_TYPE.matcher(type).matches()) {
                throw error("formation key \"" + Names.printable(type) + "\" is not a process type such as web");
            }
            Map<String, Object> spec = object(entry.getValue(), "formation." + type);
            for (String field : spec.keySet()) {
                if (!Set.of("quantity", "size", "max_parallel").contains(field)) {
                    throw error("formation." + type + " key \"" + Names.printable(field)
                            + "\" is unknown; allowed: max_parallel, quantity, size");
                }
            }
            // Dokku's defaults: one web process, none of the other types.
            Object quantity = spec.getOrDefault("quantity", type.equals("web") ? 1 : 0);
            int least = type.equals("web") ? 1 : 0;
            if (!(quantity instanceof Integer n) || n < least || n > AppConfig.MAX_PROCESSES_PER_TYPE) {
                throw error("formation." + type + ".quantity must be a whole number from " + least + " to "
                        + AppConfig.MAX_PROCESSES_PER_TYPE + (least == 1 ? " (an app without web processes serves nothing)" : ""));
            }
            formation.put(type, n);
        }
        return formation;
    }

    /**
     * The {@code web} start-up check: its path (none: a TCP connect) and, as the time it may take,
     * Dokku's {@code initialDelay + attempts × (timeout + wait)} (defaults 0, 3, 5 and 5: 30 s).
     */
    private static AppConfig.Healthcheck healthcheck(Object value) throws ConfigException {
        AppConfig.Healthcheck none = new AppConfig.Healthcheck(null, AppConfig.DEFAULT_HEALTHCHECK_TIMEOUT);
        if (value == null) {
            return none;
        }
        Map<String, Object> checks = object(value, "healthchecks");
        for (String type : checks.keySet()) {
            if (!type.equals("web")) {
                throw error("healthchecks." + Names.printable(type) + ": Slipway checks the web processes only");
            }
        }
        if (!checks.containsKey("web")) {
            return none;
        }
        if (!(checks.get("web") instanceof List<?> list) || list.size() > 1) {
            throw error("healthchecks.web must be a list of one check (Slipway runs one start-up check)");
        }
        if (list.isEmpty()) {
            return none;
        }
        Map<String, Object> check = object(list.get(0), "healthchecks.web[0]");
        for (String field : check.keySet()) {
            if (!Set.of("type", "name", "description", "path", "attempts", "wait", "timeout", "initialDelay",
                    "listening", "warn").contains(field)) {
                throw error("healthchecks.web[0] key \"" + Names.printable(field) + "\" is not supported; Slipway"
                        + " checks an HTTP path, or a TCP connect: allowed: attempts, description, initialDelay,"
                        + " listening, name, path, timeout, type, wait, warn");
            }
        }
        Object type = check.getOrDefault("type", "startup");
        if (!"startup".equals(type)) {
            throw error("healthchecks.web[0].type must be \"startup\": Slipway checks a release as it starts");
        }
        Object path = check.get("path");
        if (path != null && (!(path instanceof String p) || !p.startsWith("/") || p.chars().anyMatch(c -> c <= ' ' || c == 127))) {
            throw error("healthchecks.web[0].path must start with '/' and contain no spaces, e.g. \"/healthz\"");
        }
        long seconds = count(check, "initialDelay", 0) + count(check, "attempts", 3)
                * (count(check, "timeout", 5) + count(check, "wait", 5));
        if (seconds < 1 || seconds > MAX_HEALTHCHECK.toSeconds()) {
            throw error("healthchecks.web[0] gives " + seconds + " s (initialDelay + attempts × (timeout + wait));"
                    + " it must come to 1 to " + MAX_HEALTHCHECK.toSeconds() + " s");
        }
        return new AppConfig.Healthcheck((String) path, Duration.ofSeconds(seconds));
    }

    private static List<AppConfig.Addon> addons(Object value) throws ConfigException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw error("addons must be a list of plans (\"heroku-postgresql\") or {\"plan\": …} objects");
        }
        List<AppConfig.Addon> addons = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> map) {
                for (Object field : map.keySet()) {
                    if (!field.equals("plan") && !field.equals("as")) {
                        throw error("addons: key \"" + Names.printable(String.valueOf(field)) + "\" is not supported;"
                                + " allowed: as, plan");
                    }
                }
                if (map.containsKey("as") && !(map.get("as") instanceof String as && Names.ENV_KEY.matcher(as).matches())) {
                    throw error("addons: as must be the prefix of the variables, such as \"CACHE\"");
                }
            }
            Object plan = item instanceof Map<?, ?> map ? map.get("plan") : item;
            String name = plan instanceof String text ? text.split(":", 2)[0] : null;
            String type = name == null ? null : ADDON_PLANS.get(name);
            if (type == null) {
                throw error("addons: plan " + (name == null ? "(none)" : "\"" + Names.printable(name) + "\"")
                        + " has no Slipway addon; known: " + String.join(", ", new TreeSet<>(ADDON_PLANS.keySet())));
            }
            Map<String, String> options = new LinkedHashMap<>();
            if (item instanceof Map<?, ?> map && map.get("as") instanceof String as) {
                options.put("as", as);
            }
            addons.add(new AppConfig.Addon(type, options));
        }
        return addons;
    }

    private static long count(Map<String, Object> check, String field, int fallback) throws ConfigException {
        Object value = check.getOrDefault(field, fallback);
        if (!(value instanceof Integer n) || n < 0 || n > 3600) {
            throw error("healthchecks.web[0]." + field + " must be a whole number of seconds (or attempts) from 0 to 3600");
        }
        return n;
    }

    private static String command(Object value, String where) throws ConfigException {
        if (!(value instanceof String text) || text.isBlank()) {
            throw error(where + " must be a non-empty string (a command line)");
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where) throws ConfigException {
        if (!(value instanceof Map<?, ?> map)) {
            throw error(where + " must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    private static ConfigException error(String message) {
        return new ConfigException(FILE + ": " + message);
    }
}
