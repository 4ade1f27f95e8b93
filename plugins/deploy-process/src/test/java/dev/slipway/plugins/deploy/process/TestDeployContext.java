package dev.slipway.plugins.deploy.process;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeployContext;
import dev.slipway.api.StageLog;
import dev.slipway.api.config.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A deploy context for one artifact; the stage log is kept in {@link #lines()}. */
record TestDeployContext(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                         Map<String, String> config, BuildArtifact artifact, AppConfig appConfig,
                         List<String> lines) implements DeployContext {

    static TestDeployContext of(Path workDir, BuildArtifact artifact, String healthPath, Duration healthTimeout) {
        List<String> lines = new CopyOnWriteArrayList<>();
        StageLog log = line -> {
            lines.add(line);
            System.out.println("  | " + line);
        };
        AppConfig empty = AppConfig.empty();
        AppConfig config = new AppConfig(empty.build(), empty.deploy(), artifact.processes(), Map.of(),
                new AppConfig.Healthcheck(healthPath, healthTimeout), Map.of(), empty.proxy(), List.of());
        return new TestDeployContext("demo", UUID.randomUUID(), workDir, System.getenv(), log,
                Map.of("port-range", "31000-31999"), artifact, config, lines);
    }

    static BuildArtifact artifact(Path root, String web, List<String> path) {
        Map<String, String> processes = web == null ? Map.of() : Map.of("web", web);
        return new BuildArtifact(BuildArtifact.PROCESS, root, processes, Map.of("GREETING", "hello"), path,
                "native", "test");
    }
}
