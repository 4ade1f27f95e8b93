package dev.slipway.cli.apps;

import static dev.slipway.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppsCommandTest {

    private FakeApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createPostsTheName() {
        api.on("POST", "/api/apps", (request, exchange) -> json(exchange, 201, "{'name':'hello','createdAt':'2026-01-01T00:00:00Z'}"));

        CliRun run = CliRun.slip(api.url(), "apps", "create", "hello");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("Created app hello.\nDeploy it with: slip deploy hello [DIR]\n", run.out());
        FakeApi.Request request = api.request("POST", "/api/apps");
        assertEquals("{\"name\":\"hello\"}", new String(request.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", request.header("Content-Type"));
        assertNull(request.header("Authorization"), "no token, no header");
    }

    @Test
    void createThatConflictsPrintsTheApisError() {
        api.on("POST", "/api/apps", (request, exchange) -> json(exchange, 409, "{'error':'app \\'hello\\' already exists'}"));

        CliRun run = CliRun.slip(api.url(), "apps", "create", "hello");

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertEquals("slip: app \"hello\" already exists\n", run.err());
    }

    @Test
    void setChangesTheDeployOrder() {
        api.on("PATCH", "/api/apps/hello", (request, exchange) -> json(exchange, 200,
                "{'name':'hello','createdAt':'T0','deployOrder':'supersede','currentRelease':null}"));

        CliRun run = CliRun.slip(api.url(), "apps", "set", "hello", "--deploy-order", "supersede");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("App hello: deploy order supersede.\n", run.out());
        assertEquals("{\"deployOrder\":\"supersede\"}",
                new String(api.request("PATCH", "/api/apps/hello").body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void listShowsATable() {
        api.on("GET", "/api/apps", (request, exchange) -> json(exchange, 200, "[{'name':'hello','createdAt':'2026-01-01T00:00:00Z',"
                + "'currentRelease':{'version':3,'deploymentId':'d3','urls':['http://hello.localhost:8080/']}},"
                + "{'name':'api','createdAt':'2026-01-02T00:00:00Z','currentRelease':null}]"));

        CliRun run = CliRun.slip(api.url(), "apps", "list");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("NAME   RELEASE  CREATED               URLS\n"
                + "hello  3        2026-01-01T00:00:00Z  http://hello.localhost:8080/\n"
                + "api    -        2026-01-02T00:00:00Z\n", run.out());
    }

    @Test
    void listWithNoApps() {
        api.on("GET", "/api/apps", (request, exchange) -> json(exchange, 200, "[]"));
        assertEquals("No apps yet. Create one with: slip apps create NAME\n", CliRun.slip(api.url(), "apps", "list").out());
    }

    @Test
    void showPrintsReleaseAndDeployments() {
        api.on("GET", "/api/apps/hello", (request, exchange) -> json(exchange, 200, "{'name':'hello','createdAt':'2026-01-01T00:00:00Z',"
                + "'deployOrder':'supersede','currentRelease':{'version':2,'deploymentId':'d2','urls':['http://hello.localhost:8080/']},"
                + "'deployments':[{'id':'d3','state':'FAILED','createdAt':'2026-01-03T00:00:00Z'},"
                + "{'id':'d2','state':'SUCCEEDED','createdAt':'2026-01-02T00:00:00Z'}]}"));

        CliRun run = CliRun.slip(api.url(), "apps", "show", "hello");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("app       hello\n"
                + "created   2026-01-01T00:00:00Z\n"
                + "order     supersede (a new deployment request cancels those still waiting)\n"
                + "release   2 (deployment d2)\n"
                + "urls      http://hello.localhost:8080/\n"
                + "deployments (newest first):\n"
                + "  ID  STATE      CREATED\n"
                + "  d3  FAILED     2026-01-03T00:00:00Z\n"
                + "  d2  SUCCEEDED  2026-01-02T00:00:00Z\n", run.out());
    }

    @Test
    void showOfAnUnknownApp() {
        api.on("GET", "/api/apps/nope", (request, exchange) -> json(exchange, 404, "{'error':'no app \\'nope\\''}"));
        CliRun run = CliRun.slip(api.url(), "apps", "show", "nope");
        assertEquals(1, run.exitCode());
        assertEquals("slip: no app \"nope\"\n", run.err());
    }

    @Test
    void namesCannotReshapeThePath() {
        CliRun.slip(api.url(), "apps", "show", "../deployments/x?y");
        assertEquals("/api/apps/..%2Fdeployments%2Fx%3Fy", api.requests().get(0).path());
    }
}
