package dev.slipway.plugins.build;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ruby with Bundler: the gems go into {@code vendor/bundle} inside the tree, so the artifact
 * carries them and the host's gems are never touched. Settings are passed as {@code BUNDLE_*}
 * variables, to the build and to the running app alike, rather than written to a config file.
 */
public final class RubyToolchain implements LanguageToolchain {

    static final String BUNDLE = "vendor/bundle";
    /** Gems packed with the app ({@code bundle cache}): installed from there, without a gem server. */
    static final String CACHE = "vendor/cache";

    @Override
    public String name() {
        return "ruby";
    }

    @Override
    public List<String> programs() {
        return List.of("ruby", "bundle");
    }

    @Override
    public int priority() {
        return 45;
    }

    @Override
    public boolean accept(SourceTree source) {
        return source.has("Gemfile");
    }

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        Path root = context.source().root();
        Duration timeout = Toolchains.timeout(context);
        Map<String, String> bundler = bundlerEnv(context.source(), root, context.env());
        Map<String, String> env = new LinkedHashMap<>(context.env());
        env.putAll(bundler);
        List<String> install = context.source().has(CACHE)
                ? List.of("bundle", "install", "--local")
                : List.of("bundle", "install");
        if (context.source().has(CACHE)) {
            context.log().line("gems: installed from " + CACHE + ", no gem server asked");
        }
        RegistryErrors.run(context, install, root, env, timeout, RegistryErrors.BUNDLER);
        Map<String, String> defaults = new LinkedHashMap<>();
        if (context.source().has("config.ru")) {
            defaults.put("web", "bundle exec rackup --host 0.0.0.0 --port $PORT");
        } else if (context.source().has("app.rb")) {
            defaults.put("web", "bundle exec ruby app.rb");
        }
        return Toolchains.process(context, name(), defaults, bundler, List.of());
    }

    /**
     * Where the gems go (inside the tree, always) and which groups; with a {@code Gemfile.lock},
     * deployment mode: exactly the locked versions, and a lock that disagrees with the Gemfile fails
     * the build (as {@code npm ci} does). The groups and the mode are defaults: the app's own
     * {@code BUNDLE_WITHOUT} or {@code BUNDLE_DEPLOYMENT} (a config var, say) wins, at build and run time.
     */
    static Map<String, String> bundlerEnv(SourceTree source, Path root, Map<String, String> appEnv) {
        Path absolute = root.toAbsolutePath();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BUNDLE_GEMFILE", absolute.resolve("Gemfile").toString());
        env.put("BUNDLE_PATH", absolute.resolve(BUNDLE).toString());
        env.put("BUNDLE_WITHOUT", appEnv.getOrDefault("BUNDLE_WITHOUT", "development:test"));
        if (appEnv.containsKey("BUNDLE_DEPLOYMENT")) {
            env.put("BUNDLE_DEPLOYMENT", appEnv.get("BUNDLE_DEPLOYMENT"));
        } else if (source.has("Gemfile.lock")) {
            env.put("BUNDLE_DEPLOYMENT", "true");
        }
        return env;
    }
}
