package dev.slipway.cli.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.http.UrlPaths;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slip apps set NAME --deploy-order queue|supersede}. */
@Command(name = "set", description = "Change an app's settings.", mixinStandardHelpOptions = true)
public final class AppsSetCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(paramLabel = "NAME", description = "The app.")
    String name;

    @Option(names = "--deploy-order", required = true, paramLabel = "queue|supersede",
            description = {"What a new deployment request does while the app's earlier ones wait:",
                    "queue (default): it waits behind them, each runs in request order;",
                    "supersede: they are cancelled (the running one finishes), only the newest runs next."})
    String deployOrder;

    public AppsSetCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode app = cli.api().patchJson("/api/apps/" + UrlPaths.segment(name), Map.of("deployOrder", deployOrder));
        cli.out().println("App " + Json.text(app, "name") + ": deploy order " + Json.text(app, "deployOrder") + ".");
        return ExitCodes.OK;
    }
}
