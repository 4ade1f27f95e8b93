package dev.slipway.plugins.deploy.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Deployer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.testkit.DeployerContract;
import dev.slipway.api.testkit.FakeStageContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process deployer against the deployer contract, with python3's http.server as the web process. */
class ProcessDeployerContractTest extends DeployerContract {

    @Override
    protected Deployer strategy() {
        return new ProcessDeployer();
    }

    @Override
    protected BuildArtifact artifact(Path root) throws Exception {
        Files.writeString(root.resolve("index.html"), "<h1>contract</h1>");
        return web(root, "exec python3 -u -m http.server \"$PORT\" --bind 127.0.0.1");
    }

    @Override
    protected BuildArtifact brokenArtifact(Path root) {
        return web(root, "echo cannot start; exit 3");
    }

    @Override
    protected FakeStageContext context(Path workDir, BuildArtifact artifact) throws Exception {
        AppConfig empty = AppConfig.empty();
        AppConfig config = new AppConfig(empty.build(), empty.deploy(), artifact.processes(), Map.of(),
                new AppConfig.Healthcheck("/", Duration.ofSeconds(20)), Map.of(), empty.proxy(), List.of());
        return super.context(workDir, artifact).appConfig(config);
    }

    @Test
    void theReleaseServesTheArtifactsPageOnItsUpstreamAndRecordsItsWebProcess() throws Exception {
        BuildArtifact artifact = artifact(built);
        FakeStageContext context = context(workDir, artifact);
        DeploymentInfo release = strategy().deploy(context);
        try {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://" + release.upstreamHost() + ":" + release.upstreamPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("<h1>contract</h1>", page.body());
            assertEquals(release.attributes().get("pid"),
                    Files.readAllLines(workDir.resolve("web.1.pid")).get(0), "the pid file names the web process");
        } finally {
            strategy().stop(release, context);
        }
    }

    private static BuildArtifact web(Path root, String command) {
        return new BuildArtifact(BuildArtifact.PROCESS, root, Map.of("web", command), Map.of(), List.of(), "native", "test");
    }
}
