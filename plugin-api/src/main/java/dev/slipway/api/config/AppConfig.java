package dev.slipway.api.config;

import dev.slipway.api.HookPoints;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An app's configuration, from {@code slipway.toml} (or {@code hop3.toml}), {@code Procfile} and
 * {@code .env}. Absent strategy names are {@code null}: they mean "auto-detect".
 *
 * @param sealedEnv the app's config vars set through the API, sealed: ciphertext that only the
 *                  host opens, into the environment it gives strategies. Never clear text here.
 * @param formation how many processes of each type the release runs ({@code slip ps:scale}); a type
 *                  not named runs once. {@code null}: not decided yet, the app's current release's
 *                  is taken when the deployment is recorded.
 * @param storage   the app's persistent directories ({@code [[storage]] path}), relative to its
 *                  tree: they keep their files from one release to the next (see {@link Names#storagePathProblem}).
 * @param declared  what the files ask the host to check or make when a deployment is requested
 */
public record AppConfig(Build build, Deploy deploy, Map<String, String> processes, Map<String, String> env,
                        Healthcheck healthcheck, Map<String, String> hooks, Proxy proxy, List<Addon> addons,
                        Map<String, String> sealedEnv, Limits limits, Retry retry, Map<String, Integer> formation,
                        List<String> storage, Declared declared) {

    /**
     * Heroku's release phase: the {@code [hooks]} key, or the process type, of the command run once
     * with the new release's environment before it starts; never a process that stays up.
     */
    public static final String RELEASE = "release";

    /** The most processes of one type a release may run. */
    public static final int MAX_PROCESSES_PER_TYPE = 32;

    public static final Duration DEFAULT_HEALTHCHECK_TIMEOUT = Duration.ofSeconds(30);

    public AppConfig {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(deploy, "deploy");
        processes = Map.copyOf(processes);
        env = Map.copyOf(env);
        Objects.requireNonNull(healthcheck, "healthcheck");
        hooks = Map.copyOf(hooks);
        Objects.requireNonNull(proxy, "proxy");
        addons = List.copyOf(addons);
        sealedEnv = sealedEnv == null ? Map.of() : Map.copyOf(sealedEnv);
        limits = limits == null ? Limits.NONE : limits;
        retry = retry == null ? Retry.NONE : retry;
        storage = storage == null ? List.of() : List.copyOf(storage);
        declared = declared == null ? Declared.NONE : declared;
        storage.forEach(path -> {
            if (Names.storagePathProblem(path) != null) {
                throw new IllegalArgumentException(Names.storagePathProblem(path));
            }
        });
        if (formation != null) {
            formation = Map.copyOf(formation);
            formation.forEach((type, count) -> {
                if (count == null || count < 0 || count > MAX_PROCESSES_PER_TYPE) {
                    throw new IllegalArgumentException("formation " + type + "=" + count + " is not 0 to "
                            + MAX_PROCESSES_PER_TYPE);
                }
            });
        }
    }

    /** Declaring nothing to check or make at a deployment's request. */
    public AppConfig(Build build, Deploy deploy, Map<String, String> processes, Map<String, String> env,
                     Healthcheck healthcheck, Map<String, String> hooks, Proxy proxy, List<Addon> addons,
                     Map<String, String> sealedEnv, Limits limits, Retry retry, Map<String, Integer> formation,
                     List<String> storage) {
        this(build, deploy, processes, env, healthcheck, hooks, proxy, addons, sealedEnv, limits, retry, formation,
                storage, Declared.NONE);
    }

    public AppConfig(Build build, Deploy deploy, Map<String, String> processes, Map<String, String> env,
                     Healthcheck healthcheck, Map<String, String> hooks, Proxy proxy, List<Addon> addons,
                     Map<String, String> sealedEnv, Limits limits) {
        this(build, deploy, processes, env, healthcheck, hooks, proxy, addons, sealedEnv, limits, Retry.NONE, null,
                List.of());
    }

    /** Without a formation of its own: the release runs one of each process type. */
    public AppConfig(Build build, Deploy deploy, Map<String, String> processes, Map<String, String> env,
                     Healthcheck healthcheck, Map<String, String> hooks, Proxy proxy, List<Addon> addons,
                     Map<String, String> sealedEnv, Limits limits, Retry retry) {
        this(build, deploy, processes, env, healthcheck, hooks, proxy, addons, sealedEnv, limits, retry, null, List.of());
    }

    public AppConfig(Build build, Deploy deploy, Map<String, String> processes, Map<String, String> env,
                     Healthcheck healthcheck, Map<String, String> hooks, Proxy proxy, List<Addon> addons,
                     Map<String, String> sealedEnv) {
        this(build, deploy, processes, env, healthcheck, hooks, proxy, addons, sealedEnv, Limits.NONE);
    }

    /** The configuration files' part alone, with no config vars. */
    public AppConfig(Build build, Deploy deploy, Map<String, String> processes, Map<String, String> env,
                     Healthcheck healthcheck, Map<String, String> hooks, Proxy proxy, List<Addon> addons) {
        this(build, deploy, processes, env, healthcheck, hooks, proxy, addons, Map.of(), Limits.NONE);
    }

    /** This configuration with the app's sealed config vars. */
    public AppConfig withSealedEnv(Map<String, String> sealed) {
        return new AppConfig(build, deploy, processes, env, healthcheck, hooks, proxy, addons, sealed, limits, retry,
                formation, storage, declared);
    }

    /** This configuration with {@code formation} (process type to count) as the release's formation. */
    public AppConfig withFormation(Map<String, Integer> formation) {
        return new AppConfig(build, deploy, processes, env, healthcheck, hooks, proxy, addons, sealedEnv, limits, retry,
                formation, storage, declared);
    }

    /** The release phase's command: {@code [hooks] release}, or else the {@code release} process type. */
    public Optional<String> releaseCommand() {
        return Optional.ofNullable(hooks.getOrDefault(RELEASE, processes.get(RELEASE)));
    }

    /** Whether the app's own configuration runs something at {@code point}: at pre_deploy its release phase too. */
    public boolean hasHookCommand(String point) {
        return hooks.containsKey(point) || (point.equals(HookPoints.PRE_DEPLOY) && releaseCommand().isPresent());
    }

    /** The configuration of an app that has no configuration files at all. */
    public static AppConfig empty() {
        return new AppConfig(new Build(null, null, null), new Deploy(null), Map.of(), Map.of(),
                new Healthcheck(null, DEFAULT_HEALTHCHECK_TIMEOUT), Map.of(), new Proxy(List.of()), List.of());
    }

    /**
     * @param staticDir   directory holding the site, for the static toolchain; {@code null} = the root
     * @param beforeBuild the app's commands run in its tree before the toolchain builds ({@code before-build})
     * @param afterBuild  the app's commands run in the built tree, with the release's environment, before
     *                    the build counts as done: failing one fails it ({@code after-build})
     */
    public record Build(String strategy, String toolchain, String staticDir, List<String> beforeBuild,
                        List<String> afterBuild) {
        public Build {
            beforeBuild = beforeBuild == null ? List.of() : List.copyOf(beforeBuild);
            afterBuild = afterBuild == null ? List.of() : List.copyOf(afterBuild);
        }

        public Build(String strategy, String toolchain, String staticDir) {
            this(strategy, toolchain, staticDir, List.of(), List.of());
        }
    }

    public record Deploy(String strategy) {
    }

    /**
     * What an app's {@code app.json} asks of the host when a deployment is requested.
     *
     * @param requiredEnv  variables that must be config vars of the app: a deployment without one is refused
     * @param generatedEnv variables made once, as random secrets, when the app does not have them yet
     * @param formation    the first release's formation; {@code null}: one of each type. Later releases
     *                     keep the serving one's, so {@code slip ps:scale} is not undone by a deployment
     */
    public record Declared(Set<String> requiredEnv, Set<String> generatedEnv, Map<String, Integer> formation) {
        public static final Declared NONE = new Declared(Set.of(), Set.of(), null);

        public Declared {
            requiredEnv = requiredEnv == null ? Set.of() : Set.copyOf(requiredEnv);
            generatedEnv = generatedEnv == null ? Set.of() : Set.copyOf(generatedEnv);
            formation = formation == null ? null : Map.copyOf(formation);
        }
    }

    /** @param path HTTP path to probe; {@code null} = a TCP connect is enough */
    public record Healthcheck(String path, Duration timeout) {
        public Healthcheck {
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    public record Proxy(List<String> domains) {
        public Proxy {
            domains = List.copyOf(domains);
        }
    }

    /**
     * What the app asks of the server's resource limits ({@code [limits]}); {@code null} = the
     * server's default. The server's defaults are also its ceilings: an app may ask for less.
     *
     * @param processes   processes and threads of the app's user at once
     * @param openFiles   open files per process
     * @param memoryBytes memory of all the app's processes together
     * @param fileBytes   largest file a process may write
     * @param cpuTime     CPU time of one build or hook command (not of long-running processes)
     */
    public record Limits(Long processes, Long openFiles, Long memoryBytes, Long fileBytes, Duration cpuTime) {
        public static final Limits NONE = new Limits(null, null, null, null, null);
    }

    /**
     * How often and how soon a stage is issued again ({@code [retry]}) when no worker answered in time
     * or its failure was retryable; {@code null} = the server's {@code slipway.stages.*}.
     *
     * @param attempts attempts of each stage, the first included
     * @param backoff  the wait before the second attempt; it doubles with each further one
     */
    public record Retry(Integer attempts, Duration backoff) {
        public static final Retry NONE = new Retry(null, null);
    }

    public record Addon(String type, Map<String, String> options) {
        public Addon {
            Objects.requireNonNull(type, "type");
            options = Map.copyOf(options);
        }
    }
}
