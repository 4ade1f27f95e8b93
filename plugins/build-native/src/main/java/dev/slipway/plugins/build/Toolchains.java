package dev.slipway.plugins.build;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.StageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every toolchain of the native builder does the same way. */
final class Toolchains {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(900);

    private Toolchains() {
    }

    /** How long one build command may run: plugin setting {@code timeout}, in seconds. */
    static Duration timeout(BuildContext context) throws StageException {
        String value = context.config().get("timeout");
        if (value == null || value.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new StageException("builder setting timeout \"" + value + "\" is invalid: use a whole number of"
                + " seconds above 0, e.g. slipway.plugins.native.timeout=900");
    }

    /** A process artifact: the app's own process types win over the toolchain's defaults. */
    static BuildArtifact process(BuildContext context, String toolchain, Map<String, String> defaults,
                                 Map<String, String> env, List<String> path) {
        Map<String, String> processes = new LinkedHashMap<>(defaults);
        processes.putAll(context.source().config().processes());
        return new BuildArtifact(BuildArtifact.PROCESS, context.source().root(), processes, env, path,
                NativeBuilder.NAME, toolchain);
    }

    /** A static artifact rooted at {@code [build] static-dir}, or at the tree's root when it is not set. */
    static BuildArtifact staticSite(BuildContext context, String toolchain) throws StageException {
        return new BuildArtifact(BuildArtifact.STATIC, staticRoot(context), Map.of(), Map.of(), List.of(),
                NativeBuilder.NAME, toolchain);
    }

    /** Resolves {@code [build] static-dir} inside the tree, refusing anything that leaves it. */
    static Path staticRoot(BuildContext context) throws StageException {
        String dir = context.source().config().build().staticDir();
        Path tree = context.source().root();
        if (dir == null) {
            return tree;
        }
        try {
            Path realTree = tree.toRealPath();
            Path site = tree.resolve(dir).normalize();
            if (!Files.isDirectory(site)) {
                throw new StageException("[build] static-dir \"" + dir + "\" is not a directory in the source tree"
                        + " (after the build): create it, or fix the path in slipway.toml");
            }
            if (!site.toRealPath().startsWith(realTree)) {
                throw new StageException("[build] static-dir \"" + dir + "\" leads outside the source tree"
                        + " (through a symbolic link): point it at a directory inside the app");
            }
            return site;
        } catch (IOException e) {
            throw new StageException("[build] static-dir \"" + dir + "\" could not be read: " + e.getMessage(), e);
        }
    }
}
