package dev.slipway.cli.config;

import static dev.slipway.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCommandTest {

    @Test
    void listsKeysOnlyAndSetsAssignments() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/apps/hello/config", (request, exchange) -> json(exchange, 200,
                    "[{'key':'DATABASE_URL','value':'********','updatedAt':'T1'}]"));
            api.on("PUT", "/api/apps/hello/config", (request, exchange) -> json(exchange, 200,
                    "{'message':'saved for the next deployment'}"));

            CliRun list = CliRun.slip(Map.of("SLIPWAY_URL", api.url()), "config", "hello");
            assertEquals(0, list.exitCode(), list.err());
            assertEquals("KEY           VALUE     UPDATED\nDATABASE_URL  ********  T1\n", list.out());

            CliRun set = CliRun.slip(Map.of("SLIPWAY_URL", api.url()), "config", "hello", "A=1", "B=x=y");
            assertEquals(0, set.exitCode(), set.err());
            assertEquals("{\"A\":\"1\",\"B\":\"x=y\"}",
                    new String(api.request("PUT", "/api/apps/hello/config").body(), StandardCharsets.UTF_8));
            assertEquals(2, CliRun.slip(Map.of("SLIPWAY_URL", api.url()), "config", "hello", "NOEQUALS").exitCode());
        }
    }
}
