package dev.slipway.cli.deploy;

import static dev.slipway.cli.FakeApi.event;
import static dev.slipway.cli.FakeApi.json;
import static dev.slipway.cli.FakeApi.startStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.archive.Inspection;
import dev.slipway.archive.Limits;
import dev.slipway.archive.SourceArchive;
import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandTest {

    private static final String ID = "6f1c2d3e-0000-4000-8000-000000000001";
    private static final String EVENTS = "/api/deployments/" + ID + "/events";

    @TempDir
    Path app;

    private FakeApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi().on("POST", "/api/apps/hello/deployments", (request, exchange) ->
                json(exchange, 202, "{'id':'" + ID + "','app':'hello','state':'REQUESTED','links':{'self':'/api/deployments/" + ID
                        + "','events':'" + EVENTS + "','logs':'/api/deployments/" + ID + "/logs'}}"));
        Files.writeString(app.resolve("package.json"), "{\"name\":\"hello\"}");
        Files.writeString(app.resolve("server.js"), "require('http').createServer().listen(process.env.PORT)");
        Files.writeString(app.resolve("Procfile"), "web: node server.js\n");
        Files.createDirectories(app.resolve("node_modules/left-pad"));
        Files.writeString(app.resolve("node_modules/left-pad/index.js"), "left out");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void uploadsTheTreeAndFollowsItToSuccess() throws Exception {
        api.on("GET", EVENTS, (request, exchange) -> {
            OutputStream out = startStream(exchange);
            event(out, 1, "DeploymentRequested", "{'deploymentId':'" + ID + "','app':'hello','attempt':1,'source':'upload'}");
            out.write(": keep-alive\n\n".getBytes());
            event(out, 2, "BuildStarted", "{'app':'hello','attempt':1,'strategy':'native/node','reason':'auto-detected: package.json'}");
            event(out, 3, "DeployStarted", "{'app':'hello','attempt':1,'strategy':'process','reason':''}");
            event(out, 4, "DeploymentSucceeded", "{'app':'hello','attempt':1,'release':3,'urls':['http://hello.localhost:8080/']}");
        });

        CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", api.url(), "SLIPWAY_TOKEN", "s3cret"), "deploy", "hello", app.toString());

        assertEquals(0, run.exitCode(), run.err());
        FakeApi.Request upload = api.request("POST", "/api/apps/hello/deployments");
        assertEquals("application/gzip", upload.header("Content-Type"));
        assertEquals("Bearer s3cret", upload.header("Authorization"));
        Inspection inspection = SourceArchive.inspect(new ByteArrayInputStream(upload.body()), Limits.DEFAULT,
                Set.of("Procfile", "package.json"));
        assertEquals(Map.of("Procfile", "web: node server.js\n", "package.json", "{\"name\":\"hello\"}"), inspection.files());
        assertEquals(3, inspection.entries(), "node_modules is left out");
        assertEquals("Deployment " + ID + "\n"
                + "  request  upload       deployment requested\n"
                + "  build    native/node  started (auto-detected: package.json)\n"
                + "  deploy   process      started\n"
                + "  ✔ deployed  release 3  http://hello.localhost:8080/\n", run.out().substring(run.out().indexOf("Deployment ")));
        assertTrue(run.out().startsWith("Uploading " + app.toAbsolutePath().normalize() + " to hello (3 entries, "), run.out());
        assertEquals("", run.err());
    }

    @Test
    void withGitItAsksForTheRepositoryInsteadOfUploading() throws Exception {
        api.on("GET", EVENTS, (request, exchange) -> {
            OutputStream out = startStream(exchange);
            event(out, 1, "DeploymentSucceeded", "{'app':'hello','attempt':1,'release':1,'urls':['http://hello.localhost/']}");
        });

        CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", api.url()), "deploy", "hello", "--git",
                "https://git.example.com/hello.git", "--ref", "v2");

        assertEquals(0, run.exitCode(), run.err());
        FakeApi.Request request = api.request("POST", "/api/apps/hello/deployments");
        assertTrue(request.header("Content-Type").startsWith("application/json"), request.header("Content-Type"));
        assertEquals(Map.of("git", "https://git.example.com/hello.git", "ref", "v2"),
                new com.fasterxml.jackson.databind.ObjectMapper().readValue(request.body(), Map.class));
        assertEquals(2, CliRun.slip(Map.of("SLIPWAY_URL", api.url()), "deploy", "hello", "--ref", "v2").exitCode(),
                "--ref alone is a usage error");
    }

    @Test
    void exitsOneAndSaysWhyWhenTheDeploymentFails() {
        api.on("GET", EVENTS, (request, exchange) -> {
            OutputStream out = startStream(exchange);
            event(out, 1, "BuildStarted", "{'attempt':1,'strategy':'native/node','reason':''}");
            event(out, 2, "BuildFailed", "{'attempt':1,'reason':'npm install exited with 1'}");
            event(out, 3, "DeploymentFailed", "{'attempt':1,'stage':'build','reason':'npm install exited with 1'}");
        });

        CliRun run = CliRun.slip(api.url(), "deploy", "hello", app.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("  build    native/node  failed: npm install exited with 1\n"), run.out());
        assertTrue(run.out().endsWith("  ✘ failed  in build: npm install exited with 1\n"), run.out());
    }

    @Test
    void reconnectsWithLastEventIdWhenTheStreamDrops() {
        api.on("GET", EVENTS, (request, exchange) -> {
            OutputStream out = startStream(exchange);
            if (request.header("Last-Event-ID") == null) {
                event(out, 41, "BuildStarted", "{'attempt':1,'strategy':'static','reason':''}");
                return; // dropped before the end
            }
            assertEquals("41", request.header("Last-Event-ID"));
            event(out, 42, "DeploymentSucceeded", "{'release':1,'urls':['http://hello.localhost:8080/']}");
        });

        CliRun run = CliRun.slip(api.url(), "deploy", "hello", app.toString());

        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertEquals(2, api.requests().stream().filter(r -> r.path().equals(EVENTS)).count());
        assertTrue(run.out().endsWith("  build    static       started\n  ✔ deployed  release 1  http://hello.localhost:8080/\n"), run.out());
    }

    @Test
    void fallsBackToTheDeploymentsStateWhenTheStreamCannotBeHadAgain() {
        api.on("GET", EVENTS, (request, exchange) -> startStream(exchange))
                .on("GET", "/api/deployments/" + ID, (request, exchange) ->
                        json(exchange, 200, "{'id':'" + ID + "','state':'FAILED','error':'health check timed out','urls':[]}"));

        CliRun run = CliRun.slip(api.url(), "follow", ID);

        assertEquals(1, run.exitCode(), run.err());
        assertEquals("  ✘ failed: health check timed out\n", run.out());
    }

    @Test
    void followsTheLogsToo() {
        api.on("GET", EVENTS, (request, exchange) -> {
            OutputStream out = startStream(exchange);
            event(out, 1, "BuildStarted", "{'attempt':1,'strategy':'native/node','reason':''}");
            sleep(300); // let the log line come first
            event(out, 2, "DeploymentSucceeded", "{'release':1,'urls':[]}");
        }).on("GET", "/api/deployments/" + ID + "/logs", (request, exchange) -> {
            OutputStream out = startStream(exchange);
            event(out, 1, "log", "{'stage':'build','time':'2026-01-01T00:00:00Z','text':'added 3 packages'}");
        });

        CliRun run = CliRun.slip(api.url(), "deploy", "hello", app.toString(), "--logs");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("  build    | added 3 packages\n"), run.out());
    }

    @Test
    void noFollowPrintsTheIdAndReturns() {
        CliRun run = CliRun.slip(api.url(), "deploy", "--no-follow", "hello", app.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().endsWith("Deployment " + ID + "\nFollow it with: slip follow " + ID + "\n"), run.out());
        assertFalse(api.requests().stream().anyMatch(r -> r.path().equals(EVENTS)));
    }

    @Test
    void apiErrorsArePrintedOnStderr() {
        api.on("POST", "/api/apps/hello/deployments", (request, exchange) ->
                json(exchange, 400, "{'error':'slipway.toml line 2: [deploy] strategy \\'dokcer\\' is unknown'}"));

        CliRun run = CliRun.slip(api.url(), "deploy", "hello", app.toString());

        assertEquals(1, run.exitCode());
        assertEquals("slip: slipway.toml line 2: [deploy] strategy \"dokcer\" is unknown\n", run.err());
    }

    @Test
    void aLinkOutOfTheTreeIsRefusedBeforeUploading() throws IOException {
        Files.createSymbolicLink(app.resolve("passwd"), Path.of("/etc/passwd"));

        CliRun run = CliRun.slip(api.url(), "deploy", "hello", app.toString());

        assertEquals(1, run.exitCode());
        assertEquals("slip: archive entry \"passwd\" is a link to \"/etc/passwd\" outside the source tree\n", run.err());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void unreachableApiAndBadUsageExitTwo() {
        CliRun run = CliRun.slip("http://127.0.0.1:1", "deploy", "hello", app.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("slip: cannot connect to Slipway at http://127.0.0.1:1; is it running?"), run.err());

        run = CliRun.slip(api.url(), "deploy");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("slip: Missing required parameter: 'APP'\nUsage: slip deploy"), run.err());

        run = CliRun.slip(api.url(), "deploy", "hello", app.resolve("missing").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("slip: DIR " + app.resolve("missing") + " is not a directory"), run.err());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
