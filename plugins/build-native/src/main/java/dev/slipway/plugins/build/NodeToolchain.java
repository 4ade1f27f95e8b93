package dev.slipway.plugins.build;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node.js with npm: installs dependencies, runs the {@code build} script if there is one. With
 * {@code [build] static-dir} set the result is that directory as a static site (a front-end app
 * built with npm); otherwise it is a process started with {@code npm start} unless the app says otherwise.
 */
public final class NodeToolchain implements LanguageToolchain {

    @Override
    public String name() {
        return "node";
    }

    @Override
    public List<String> programs() {
        return List.of("node", "npm");
    }

    @Override
    public int priority() {
        return 30;
    }

    @Override
    public boolean accept(SourceTree source) {
        return source.has("package.json");
    }

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        Path root = context.source().root();
        Duration timeout = Toolchains.timeout(context);
        NodeProject project = NodeProject.of(context, root);
        if (context.source().has("package-lock.json")) {
            Optional<NodeModulesCache> cache = NodeModulesCache.of(context, root, project);
            if (cache.isPresent() && cache.get().restore(timeout)) {
                context.log().line("node_modules: copied from the last build with this package.json, package-lock.json,"
                        + " npm settings and node " + project.nodeVersion() + " (npm ci not run)");
            } else {
                project.notCached().forEach(why -> context.log().line("node_modules: npm ci runs: " + why));
                // npm ci installs exactly the lock file and fails if it disagrees with package.json.
                install(context, "ci", root, timeout);
                cache.ifPresent(kept -> kept.keep(timeout));
            }
        } else {
            install(context, "install", root, timeout);
        }
        Optional<List<String>> build = project.buildCommand();
        if (build.isPresent()) {
            context.run(build.get(), root, timeout);
        }
        if (context.source().config().build().staticDir() != null) {
            return Toolchains.staticSite(context, name());
        }
        return Toolchains.process(context, name(), Map.of("web", "npm start"), Map.of(),
                List.of("node_modules/.bin"));
    }

    private static void install(BuildContext context, String how, Path root, Duration timeout) throws StageException {
        RegistryErrors.run(context, List.of("npm", how, "--no-audit", "--no-fund"), root, timeout, RegistryErrors.NPM);
    }
}
