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
 * Go modules: every main package of the module is built into {@code bin/} of the tree; the
 * module's root package, when it is a command, is the default {@code web} process.
 */
public final class GoToolchain implements LanguageToolchain {

    static final String BIN = "bin";
    /** The root package's name and the name {@code go build} gives its binary (its install target's). */
    private static final List<String> QUESTION = List.of("go", "list", "-e", "-f", "{{.Name}} {{.Target}}", ".");

    @Override
    public String name() {
        return "go";
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public boolean accept(SourceTree source) {
        return source.has("go.mod");
    }

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        Path root = context.source().root();
        Duration timeout = Toolchains.timeout(context);
        if (context.source().has("vendor/modules.txt")) {
            context.log().line("dependencies: vendored in vendor/, nothing to download");
        } else if (context.source().has("go.sum")) {
            RegistryErrors.run(context, List.of("go", "mod", "download", "-x"), root, timeout, RegistryErrors.GO);
        } else {
            context.log().line("dependencies: no go.sum, nothing to download");
        }
        // -buildvcs=false: the tree's .git (if any) is not the app user's, and the commit is on the release anyway.
        RegistryErrors.run(context, List.of("go", "build", "-trimpath", "-buildvcs=false", "-o", BIN + "/", "./..."),
                root, timeout, RegistryErrors.GO);
        return Toolchains.process(context, name(), defaults(context, root), Map.of(), List.of(BIN));
    }

    /** {@code web: bin/<command>} when the module's root package is a command, else none. */
    private static Map<String, String> defaults(BuildContext context, Path root) throws StageException {
        List<String> answer = Probe.ask(context, "what the module's root package is", QUESTION, root);
        if (answer.size() != 1 || !answer.get(0).startsWith("main ")) {
            context.log().line("the module's root package is not a command: no default web process");
            return Map.of();
        }
        String target = answer.get(0).substring("main ".length()).strip();
        String command = target.substring(target.lastIndexOf('/') + 1);
        if (!command.matches("[A-Za-z0-9._+-]+")) {
            throw new StageException("go names the root command \"" + command + "\", which is not a file name;"
                    + " give the web process in the Procfile or [run] web");
        }
        context.log().line("web process: " + BIN + "/" + command);
        return Map.of("web", BIN + "/" + command);
    }
}
