package dev.slipway.plugins.build;

import dev.slipway.api.BuildContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageLog;
import dev.slipway.api.config.AppConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** A build context over a real tree, with the toolchains registered in META-INF/services. */
record TestBuildContext(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                        Map<String, String> config, SourceTree source, List<LanguageToolchain> toolchains,
                        List<String> lines) implements BuildContext {

    /** Reads the tree's configuration files as the worker would; the log is kept in {@link #lines()}. */
    static TestBuildContext of(Path tree) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        StageLog log = line -> {
            lines.add(line);
            System.out.println("  | " + line);
        };
        List<LanguageToolchain> toolchains = ServiceLoader.load(LanguageToolchain.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toList());
        // The machine's PATH, HOME and CA variables, as the worker passes them through.
        return new TestBuildContext("demo", UUID.randomUUID(), tree, System.getenv(), log, Map.of("timeout", "300"),
                new SourceTree(tree, AppConfigLoader.load(tree)), toolchains, lines);
    }
}
