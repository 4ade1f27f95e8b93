package dev.slipway.cli.apps;

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

/** {@code slip apps show NAME}. */
@Command(name = "show", description = "Show an app, its current release and its deployments.", mixinStandardHelpOptions = true)
public final class AppsShowCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(paramLabel = "NAME", description = "The app.")
    String name;

    @Option(names = "--json", description = "Print the API's JSON as is.")
    boolean json;

    public AppsShowCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode app = cli.api().get("/api/apps/" + UrlPaths.segment(name));
        PrintStream out = cli.out();
        if (json) {
            out.println(app.toPrettyString());
            return ExitCodes.OK;
        }
        out.println("app       " + Json.text(app, "name"));
        out.println("created   " + Json.text(app, "createdAt"));
        if (Json.has(app, "deployOrder")) {
            out.println("order     " + Json.text(app, "deployOrder") + (Json.text(app, "deployOrder").equals("supersede")
                    ? " (a new deployment request cancels those still waiting)"
                    : " (deployments wait in request order)"));
        }
        if (Json.has(app, "currentRelease")) {
            JsonNode release = app.get("currentRelease");
            out.println("release   " + Json.text(release, "version") + " (deployment " + Json.text(release, "deploymentId") + ")");
            out.println("urls      " + String.join(" ", Json.texts(release, "urls")));
            if (!Json.texts(release, "storage").isEmpty()) {
                out.println("storage   " + String.join(" ", Json.texts(release, "storage")) + " (kept across releases)");
            }
            if (Json.text(release, "state").equals("CRASHED")) {
                out.println("state     CRASHED: " + Json.text(release, "crashReason") + " (see slip ps "
                        + Json.text(app, "name") + "; deploy again, or roll back)");
            }
        } else {
            out.println("release   none yet; deploy with: slip deploy " + Json.text(app, "name") + " [DIR]");
        }
        JsonNode deployments = app.get("deployments");
        if (deployments != null && !deployments.isEmpty()) {
            out.println("deployments (newest first):");
            Table table = new Table("ID", "STATE", "CREATED");
            deployments.forEach(d -> table.row(Json.text(d, "id"), Json.text(d, "state"), Json.text(d, "createdAt")));
            table.print(out, "  ");
        }
        return ExitCodes.OK;
    }
}
