package dev.slipway.cli.storage;

import static dev.slipway.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageRemoveCommandTest {

    @Test
    void theDirectoryIsSentAsAQueryValueAndARefusalIsTheApisError() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("DELETE", "/api/apps/hello/storage", (request, exchange) -> {
                if (request.query().equals("path=public%2Fuploads")) {
                    json(exchange, 202, "{'app':'hello','path':'public/uploads'}");
                } else {
                    json(exchange, 409, "{'error':'release v2 of hello keeps its files in data'}");
                }
            });
            Map<String, String> env = Map.of("SLIPWAY_URL", api.url() + "/", "SLIPWAY_TOKEN", "t");

            CliRun removed = CliRun.slip(env, "storage:rm", "hello", "public/uploads");
            CliRun refused = CliRun.slip(env, "storage:rm", "hello", "data");

            assertEquals(0, removed.exitCode(), removed.err());
            assertEquals("Persistent storage public/uploads of hello is being removed.\n", removed.out());
            assertEquals(1, refused.exitCode());
            assertEquals("slip: release v2 of hello keeps its files in data\n", refused.err());
        }
    }
}
