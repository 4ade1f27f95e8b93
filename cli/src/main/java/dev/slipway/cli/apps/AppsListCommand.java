package dev.slipway.cli.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slip apps list}. */
@Command(name = "list", description = "List apps with their current release.", mixinStandardHelpOptions = true)
public final class AppsListCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--json", description = "Print the API's JSON as is.")
    boolean json;

    public AppsListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode apps = cli.api().get("/api/apps");
        if (json) {
            cli.out().println(apps.toPrettyString());
            return ExitCodes.OK;
        }
        if (apps.isEmpty()) {
            cli.out().println("No apps yet. Create one with: slip apps create NAME");
            return ExitCodes.OK;
        }
        Table table = new Table("NAME", "RELEASE", "CREATED", "URLS");
        for (JsonNode app : apps) {
            JsonNode release = app.get("currentRelease");
            table.row(Json.text(app, "name"),
                    Json.has(app, "currentRelease") ? Json.text(release, "version") : "-",
                    Json.text(app, "createdAt"),
                    String.join(" ", Json.texts(release, "urls")));
        }
        table.print(cli.out(), "");
        return ExitCodes.OK;
    }
}
