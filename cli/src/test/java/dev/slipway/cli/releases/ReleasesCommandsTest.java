package dev.slipway.cli.releases;

import static dev.slipway.cli.FakeApi.event;
import static dev.slipway.cli.FakeApi.json;
import static dev.slipway.cli.FakeApi.startStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleasesCommandsTest {

    @Test
    void releasesMarksTheCurrentOne() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/apps/hello/releases", (request, exchange) -> json(exchange, 200,
                    "[{'version':2,'deploymentId':'d2','createdAt':'T2','current':true},"
                            + "{'version':1,'deploymentId':'d1','createdAt':'T1','current':false}]"));

            CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", api.url()), "releases", "hello");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals("   RELEASE  CREATED  DEPLOYMENT\n*  2        T2       d2\n   1        T1       d1\n", run.out());
        }
    }

    @Test
    void rollbackAsksForTheReleaseAndFollowsTheDeployment() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/apps/hello/rollback", (request, exchange) -> json(exchange, 202,
                    "{'id':'d3','app':'hello','state':'REQUESTED'}"));
            api.on("GET", "/api/deployments/d3/events", (request, exchange) -> {
                try (OutputStream out = startStream(exchange)) {
                    event(out, 1, "DeploymentRequested", "{'source':'rollback to release 1'}");
                    event(out, 2, "DeploymentSucceeded", "{'release':3,'urls':['http://hello.localhost:8080/']}");
                }
            });

            CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", api.url()), "rollback", "hello", "1");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals("{\"release\":1}",
                    new String(api.request("POST", "/api/apps/hello/rollback").body(), StandardCharsets.UTF_8));
            assertTrue(run.out().contains("rollback to release 1") && run.out().contains("release 3"), run.out());
        }
    }
}
