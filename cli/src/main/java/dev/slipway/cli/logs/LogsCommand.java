package dev.slipway.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.Terminal;
import dev.slipway.cli.http.UrlPaths;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slip logs [-f] APP}: what the app's processes print, as {@code heroku logs} shows it. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Show what the app's processes printed (app[web.1]) and what Slipway said about them"
                + " (slipway), across releases, secrets masked.", "With -f, go on showing new lines until interrupted."})
public final class LogsCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Option(names = {"-f", "--follow"}, description = "Keep showing new lines.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100",
            description = "Recent lines shown first, 0 to 1000 (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-p", "--process"}, paramLabel = "PROCESS", description = "A type (web) or one process (web.1).")
    String process;

    public LogsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        String path = "/api/apps/" + UrlPaths.segment(app) + "/logs?lines=" + lines + "&follow=" + follow
                + (process == null ? "" : "&process=" + UrlPaths.segment(process));
        boolean complete = cli.newFollower().follow(path, event -> {
            cli.out().println(format(parse(event.data())));
            return false;
        }, !follow);
        if (!complete) {
            cli.err().println("slip: lost the log stream of " + app + "; run slip logs again to go on");
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }

    /** {@code 2026-12-03T09:40:00Z app[web.1]: listening}, or {@code … slipway: web.1 exited with 1}. */
    static String format(JsonNode line) {
        String process = Json.text(line, "process");
        return Json.text(line, "time") + " " + (process.isEmpty() ? "slipway" : "app[" + process + "]") + ": "
                + Terminal.safe(Json.text(line, "text").stripTrailing());
    }

    private JsonNode parse(String data) {
        try {
            return cli.api().json().readTree(data);
        } catch (IOException e) {
            return cli.api().json().createObjectNode().put("text", data);
        }
    }
}
