package dev.slipway.cli.deploy;

import static dev.slipway.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    @Test
    void printsStateAndStages() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/deployments/d1", (request, exchange) -> json(exchange, 200, "{'id':'d1','app':'hello',"
                    + "'state':'FAILED','release':null,'urls':[],'error':'deploy: health check timed out',"
                    + "'createdAt':'T0','updatedAt':'T2','stages':["
                    + "{'stage':'build','strategy':'native/node','attempt':1,'state':'SUCCEEDED','startedAt':'T0','finishedAt':'T1','error':null},"
                    + "{'stage':'deploy','strategy':'process','attempt':2,'state':'FAILED','startedAt':'T1','finishedAt':'T2',"
                    + "'error':'health check timed out'}]}"));

            CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", api.url() + "/", "SLIPWAY_TOKEN", "t"), "status", "d1");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals("deployment  d1\n"
                    + "app         hello\n"
                    + "state       FAILED\n"
                    + "error       deploy: health check timed out\n"
                    + "created     T0\n"
                    + "updated     T2\n"
                    + "stages:\n"
                    + "  STAGE   STRATEGY     ATTEMPT  STATE      STARTED  FINISHED  ERROR\n"
                    + "  build   native/node  1        SUCCEEDED  T0       T1\n"
                    + "  deploy  process      2        FAILED     T1       T2        health check timed out\n", run.out());
            assertEquals("Bearer t", api.request("GET", "/api/deployments/d1").header("Authorization"));
        }
    }

    @Test
    void aQueuedDeploymentShowsItsPosition() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/deployments/d2", (request, exchange) -> json(exchange, 200, "{'id':'d2','app':'hello',"
                    + "'state':'QUEUED','position':2,'release':null,'urls':[],'error':null,"
                    + "'createdAt':'T0','updatedAt':'T0','stages':[]}"));

            CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", api.url() + "/", "SLIPWAY_TOKEN", "t"), "status", "d2");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals("deployment  d2\n"
                    + "app         hello\n"
                    + "state       QUEUED, position 2 (waits for the app's earlier deployments)\n"
                    + "created     T0\n"
                    + "updated     T0\n", run.out());
        }
    }

    @Test
    void aBadUrlIsAUsageError() {
        CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", "localhost:7070"), "status", "d1");
        assertEquals(2, run.exitCode());
        assertEquals("slip: SLIPWAY_URL \"localhost:7070\" is not an http(s) URL; e.g. http://127.0.0.1:7070\n", run.err());
    }
}
