package dev.slipway.cli.deploy;

import static dev.slipway.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CancelCommandTest {

    @Test
    void cancelPostsToTheDeploymentAndAnEndedOneIsTheApisError() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("POST", "/api/deployments/d2/cancel", (request, exchange) -> json(exchange, 200,
                    "{'id':'d2','app':'hello','state':'CANCELLED'}"));
            api.on("POST", "/api/deployments/d1/cancel", (request, exchange) -> json(exchange, 409,
                    "{'error':'deployment d1 cannot be cancelled: it has ended (SUCCEEDED)'}"));
            Map<String, String> env = Map.of("SLIPWAY_URL", api.url() + "/", "SLIPWAY_TOKEN", "t");

            CliRun cancelled = CliRun.slip(env, "cancel", "d2");
            CliRun ended = CliRun.slip(env, "cancel", "d1");

            assertEquals(0, cancelled.exitCode(), cancelled.err());
            assertEquals("Deployment d2 of hello: CANCELLED.\n", cancelled.out());
            assertEquals(1, ended.exitCode());
            assertEquals("slip: deployment d1 cannot be cancelled: it has ended (SUCCEEDED)\n", ended.err());
        }
    }
}
