package dev.slipway.plugins.build;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go modules: every main package of the module is built into {@code bin/} of the tree; the
 * module's root package, when it is a command, is the default {@code web} process.
 */
public final class GoToolchain implements LanguageToolchain {

    static final String BIN = "bin";
    /** The root package's name and import path. */
    private static final List<String> QUESTION = List.of("go", "list", "-e", "-f", "{{.Name}} {{.ImportPath}}", ".");

    @Override
    public String name() {
        return "go";
    }

    @Override
    public List<String> programs() {
        return List.of("go");
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
        boolean vendored = context.source().has("vendor/modules.txt");
        if (vendored) {
            context.log().line("dependencies: vendored in vendor/, nothing to download");
        } else if (context.source().has("go.sum")) {
            RegistryErrors.run(context, List.of("go", "mod", "download", "-x"), root, timeout, RegistryErrors.GO);
        } else {
            context.log().line("dependencies: no go.sum, nothing to download");
        }
        // -buildvcs=false: the tree's .git (if any) is not the app user's, and the commit is on the release anyway.
        // -mod=vendor: go uses vendor/ by itself only for modules that say go 1.14 or later.
        List<String> build = new ArrayList<>(List.of("go", "build", "-trimpath", "-buildvcs=false"));
        if (vendored) {
            build.add("-mod=vendor");
        }
        build.addAll(List.of("-o", BIN + "/", "./..."));
        RegistryErrors.run(context, build, root, timeout, RegistryErrors.GO);
        return Toolchains.process(context, name(), defaults(context, root), Map.of(), List.of(BIN));
    }

    /** The name {@code go build} gives a command: its import path's last element, or the one before a {@code /vN}. */
    static String commandName(String importPath) {
        String[] parts = importPath.split("/");
        String last = parts[parts.length - 1];
        return last.matches("v[0-9]+") && parts.length > 1 ? parts[parts.length - 2] : last;
    }

    /** {@code web: bin/<command>} when the module's root package is a command, else none. */
    private static Map<String, String> defaults(BuildContext context, Path root) throws StageException {
        List<String> answer = Probe.ask(context, "what the module's root package is", QUESTION, root);
        if (answer.size() != 1 || !answer.get(0).startsWith("main ")) {
            context.log().line("the module's root package is not a command: no default web process");
            return Map.of();
        }
        String command = commandName(answer.get(0).substring("main ".length()).strip());
        if (!command.matches("[A-Za-z0-9._+-]+")) {
            context.log().line("the root command's name \"" + command + "\" is not a file name: no default web process");
            return Map.of();
        }
        context.log().line("web process: " + BIN + "/" + command);
        return Map.of("web", BIN + "/" + command);
    }
}
