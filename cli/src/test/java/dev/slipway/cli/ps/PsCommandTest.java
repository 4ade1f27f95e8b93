package dev.slipway.cli.ps;

import static dev.slipway.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
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
}
