package dev.slipway.cli.ps;

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

class PsCommandTest {

    @Test
    void psListsEachProcessWithItsStateUptimeAndRestarts() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/apps/hello/processes", (request, exchange) -> json(exchange, 200,
                    "[{'process':'web.1','state':'UP','release':3,'current':true,'uptimeSeconds':303,'restarts':1,"
                            + "'pid':4242,'port':20001},"
                            + "{'process':'worker.1','state':'CRASHED','release':3,'current':true,'restarts':4,"
                            + "'exitCode':3,'uptimeSeconds':null},"
                            + "{'process':'web.1','state':'UP','release':2,'current':false,'uptimeSeconds':7260,"
                            + "'restarts':0,'pid':4000,'port':20000}]"));

            CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", api.url()), "ps", "hello");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals("""
                       PROCESS   STATE             RELEASE  UPTIME  RESTARTS  PID   PORT
                       web.1     UP                3        5m03s   1         4242  20001
                       worker.1  CRASHED (exit 3)  3                4
                    ~  web.1     UP                2        2h01m   0         4000  20000
                    """, run.out());
        }
    }

    @Test
    void scaleAsksForTheFormationAndFollowsTheRelease() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("PUT", "/api/apps/hello/formation", (request, exchange) -> json(exchange, 202,
                    "{'id':'d4','app':'hello','state':'REQUESTED'}"));
            api.on("GET", "/api/deployments/d4/events", (request, exchange) -> {
                try (OutputStream out = startStream(exchange)) {
                    event(out, 1, "DeploymentRequested", "{'source':'scale web=3 worker=2'}");
                    event(out, 2, "DeploymentSucceeded", "{'release':4,'urls':['http://hello.localhost:8080/']}");
                }
            });

            CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", api.url()), "ps:scale", "hello", "web=3", "worker=2");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals("{\"web\":3,\"worker\":2}",
                    new String(api.request("PUT", "/api/apps/hello/formation").body(), StandardCharsets.UTF_8));
            assertTrue(run.out().contains("scale web=3 worker=2") && run.out().contains("release 4"), run.out());
        }
    }

    @Test
    void scaleRefusesWhatIsNotTypeEqualsCount() throws Exception {
        CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", "http://127.0.0.1:9"), "ps:scale", "hello", "web:3");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("\"web:3\" is not TYPE=COUNT"), run.err());
    }
}
