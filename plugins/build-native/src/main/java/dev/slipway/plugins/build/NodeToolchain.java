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
        // npm ci installs exactly the lock file and fails if it disagrees with package.json.
        String install = context.source().has("package-lock.json") ? "ci" : "install";
        RegistryErrors.run(context, List.of("npm", install, "--no-audit", "--no-fund"), root, timeout, RegistryErrors.NPM);
        context.run(List.of("npm", "run", "build", "--if-present"), root, timeout);
        if (context.source().config().build().staticDir() != null) {
            return Toolchains.staticSite(context, name());
        }
        return Toolchains.process(context, name(), Map.of("web", "npm start"), Map.of(),
                List.of("node_modules/.bin"));
    }
}
