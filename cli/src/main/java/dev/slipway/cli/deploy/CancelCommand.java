package dev.slipway.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.http.UrlPaths;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slip cancel DEPLOYMENT_ID}. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a deployment: a queued one is dropped, a running one stopped at once;",
                "the app's previous release keeps serving. Refused once it has ended."})
public final class CancelCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(paramLabel = "DEPLOYMENT_ID", description = "As printed by slip deploy.")
    String id;

    public CancelCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode cancelled = cli.api().postJson("/api/deployments/" + UrlPaths.segment(id) + "/cancel", Map.of());
        cli.out().println("Deployment " + Json.text(cancelled, "id") + " of " + Json.text(cancelled, "app") + ": "
                + Json.text(cancelled, "state") + ".");
        return ExitCodes.OK;
    }
}
