package dev.slipway.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.Table;
import dev.slipway.cli.http.UrlPaths;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slip status DEPLOYMENT_ID}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a deployment's state and its stages.")
public final class StatusCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(paramLabel = "DEPLOYMENT_ID", description = "As printed by slip deploy.")
    String id;

    @Option(names = "--json", description = "Print the API's JSON as is.")
    boolean json;

    public StatusCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode deployment = cli.api().get("/api/deployments/" + UrlPaths.segment(id));
        PrintStream out = cli.out();
        if (json) {
            out.println(deployment.toPrettyString());
            return ExitCodes.OK;
        }
        out.println("deployment  " + Json.text(deployment, "id"));
        out.println("app         " + Json.text(deployment, "app"));
        out.println("state       " + Json.text(deployment, "state") + (Json.has(deployment, "position")
                ? ", position " + Json.text(deployment, "position") + " (waits for the app's earlier deployments)" : ""));
        if (Json.has(deployment, "release")) {
            out.println("release     " + Json.text(deployment, "release"));
        }
        if (!Json.texts(deployment, "urls").isEmpty()) {
            out.println("urls        " + String.join(" ", Json.texts(deployment, "urls")));
        }
        if (Json.has(deployment, "error")) {
            out.println("error       " + Json.text(deployment, "error"));
        }
        out.println("created     " + Json.text(deployment, "createdAt"));
        out.println("updated     " + Json.text(deployment, "updatedAt"));
        JsonNode stages = deployment.path("stages");
        if (!stages.isEmpty()) {
            out.println("stages:");
            Table table = new Table("STAGE", "STRATEGY", "ATTEMPT", "STATE", "STARTED", "FINISHED", "ERROR");
            stages.forEach(s -> table.row(Json.text(s, "stage"), Json.text(s, "strategy"), Json.text(s, "attempt"),
                    Json.text(s, "state"), Json.text(s, "startedAt"), Json.text(s, "finishedAt"), Json.text(s, "error")));
            table.print(out, "  ");
        }
        return ExitCodes.OK;
    }
}
