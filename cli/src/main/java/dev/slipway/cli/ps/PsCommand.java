package dev.slipway.cli.ps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.Table;
import dev.slipway.cli.http.UrlPaths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slip ps APP}: the app's processes, as its deploy workers last reported them. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List an app's processes: state, uptime, restarts. Those of a release still stopping are marked ~.")
public final class PsCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(paramLabel = "APP")
    String app;

    public PsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode processes = cli.api().get("/api/apps/" + UrlPaths.segment(app) + "/processes");
        if (processes.isEmpty()) {
            cli.out().println(app + " runs no processes. Deploy it with: slip deploy " + app + " DIR");
            return ExitCodes.OK;
        }
        Table table = new Table("", "PROCESS", "STATE", "RELEASE", "UPTIME", "RESTARTS", "PID", "PORT");
        for (JsonNode process : processes) {
            String state = Json.text(process, "state");
            if (Json.has(process, "exitCode") && !state.equals("UP")) {
                state += " (exit " + Json.text(process, "exitCode") + ")";
            }
            table.row(process.path("current").asBoolean() ? "" : "~", Json.text(process, "process"), state,
                    Json.text(process, "release"), uptime(process.path("uptimeSeconds")),
                    Json.text(process, "restarts"), Json.text(process, "pid"), Json.text(process, "port"));
        }
        table.print(cli.out(), "");
        return ExitCodes.OK;
    }

    /** 42s, 5m03s, 2h07m, 3d04h. */
    static String uptime(JsonNode seconds) {
        if (seconds.isMissingNode() || seconds.isNull()) {
            return "";
        }
        long s = seconds.asLong();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd%02dh", s / 86400, s % 86400 / 3600);
    }
}
