package dev.slipway.plugins.deploy.process;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The deploy contexts these tests use: one artifact, its processes and health check; the log in {@code lines()}. */
final class TestDeployContext {

    private TestDeployContext() {
    }

    static FakeStageContext of(Path workDir, BuildArtifact artifact, String healthPath, Duration healthTimeout) {
        AppConfig empty = AppConfig.empty();
        AppConfig config = new AppConfig(empty.build(), empty.deploy(), artifact.processes(), Map.of(),
                new AppConfig.Healthcheck(healthPath, healthTimeout), Map.of(), empty.proxy(), List.of());
        return FakeStageContext.in(workDir).env(System.getenv()).artifact(artifact).appConfig(config)
                .config("port-range", "31000-31999").config("state-dir", workDir.resolve(".state").toString())
                .config("restart-backoff", "0");
    }

    static BuildArtifact artifact(Path root, String web, List<String> path) {
        Map<String, String> processes = web == null ? Map.of() : Map.of("web", web);
        return new BuildArtifact(BuildArtifact.PROCESS, root, processes, Map.of("GREETING", "hello"), path,
                "native", "test");
    }
}
