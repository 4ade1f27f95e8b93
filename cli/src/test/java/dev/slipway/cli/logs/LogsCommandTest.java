package dev.slipway.cli.logs;

import static dev.slipway.cli.FakeApi.event;
import static dev.slipway.cli.FakeApi.json;
import static dev.slipway.cli.FakeApi.startStream;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
import java.io.OutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogsCommandTest {

    @Test
    void recentLinesAreShownAsHerokuShowsThemAndTheStreamEndsWithoutFollow() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/apps/hello/logs", (request, exchange) -> {
                OutputStream out = startStream(exchange);
                event(out, 7, "log", "{'process':'web.1','time':'2026-12-03T09:40:00Z','text':'listening'}");
                event(out, 9, "log", "{'process':null,'time':'2026-12-03T09:40:01Z','text':'web.1 exited with 1'}");
                event(out, 10, "log", "{'process':'web.1','time':'2026-12-03T09:40:02Z','text':'\\u001b]0;owned\\u0007'}");
                out.close();
            });
            Map<String, String> env = Map.of("SLIPWAY_URL", api.url() + "/", "SLIPWAY_TOKEN", "t");

            CliRun run = CliRun.slip(env, "logs", "hello", "-n", "20", "--process", "web");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals("2026-12-03T09:40:00Z app[web.1]: listening\n"
                    + "2026-12-03T09:40:01Z slipway: web.1 exited with 1\n"
                    + "2026-12-03T09:40:02Z app[web.1]: \\u001b]0;owned\\u0007\n", run.out(),
                    "an escape sequence the app printed is shown, not obeyed");
            assertEquals("lines=20&follow=false&process=web", api.request("GET", "/api/apps/hello/logs").query());
        }
    }

    @Test
    void anUnknownAppIsTheApisError() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/api/apps/nope/logs", (request, exchange) -> json(exchange, 404,
                    "{'error':'app nope not found'}"));

            CliRun run = CliRun.slip(Map.of("SLIPWAY_URL", api.url() + "/"), "logs", "-f", "nope");

            assertEquals(1, run.exitCode());
            assertEquals("slip: app nope not found\n", run.err());
        }
    }
}
