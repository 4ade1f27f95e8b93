package dev.slipway.plugins.build;

import dev.slipway.api.BuildContext;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code node_modules} of an app's last build, kept in its HOME with the key of what made them
 * ({@link NodeProject}). A build with the same key copies them instead of running {@code npm ci},
 * which would empty {@code node_modules} and fill it again from npm's cache. One entry per app, the
 * newest, so the cache never holds more than one install. Everything here runs as the app's own
 * user: the cache is the app's, as trusted as its code, and no other app can reach it.
 */
final class NodeModulesCache {

    /** Under the app's HOME. */
    static final String DIR = ".cache/slipway/node_modules";

    private final BuildContext context;
    private final Path root;
    private final Path dir;
    private final Path entry;

    private NodeModulesCache(BuildContext context, Path root, Path dir, String key) {
        this.context = context;
        this.root = root;
        this.dir = dir;
        this.entry = dir.resolve(key);
    }

    /** The cache for this build, if it can have one: a key from the project, and a HOME to keep it in. */
    static Optional<NodeModulesCache> of(BuildContext context, Path root, NodeProject project) {
        String home = context.env().get("HOME");
        if (project.cacheKey().isEmpty() || home == null || !Path.of(home).isAbsolute()) {
            return Optional.empty();
        }
        return Optional.of(new NodeModulesCache(context, root, Path.of(home).resolve(DIR), project.cacheKey().get()));
    }

    /** Copies the kept node_modules into the tree; false when there are none for this key (or they cannot be copied). */
    boolean restore(Duration timeout) {
        try {
            context.run(List.of("sh", "-c", "test -d \"$1/node_modules\" || exit 3; rm -rf node_modules"
                    + " && cp -a \"$1/node_modules\" node_modules", "sh", entry.toString()), root, timeout);
            return true;
        } catch (StageException e) {
            return false;
        }
    }

    /** Keeps the tree's node_modules for the next build, in place of what was kept before. */
    void keep(Duration timeout) {
        try {
            context.run(List.of("sh", "-c", "rm -rf \"$1\" && mkdir -p \"$2\" && cp -a node_modules \"$2/partial\""
                    + " && mv \"$2/partial\" \"$2/node_modules\"", "sh", dir.toString(), entry.toString()), root, timeout);
        } catch (StageException e) {
            context.log().line("node_modules could not be kept for the next build (" + e.getMessage()
                    + "); it will run npm ci again");
        }
    }
}
