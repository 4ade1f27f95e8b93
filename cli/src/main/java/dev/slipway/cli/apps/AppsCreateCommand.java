package dev.slipway.cli.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slip apps create NAME}. */
@Command(name = "create", description = "Create an app.", mixinStandardHelpOptions = true)
public final class AppsCreateCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(paramLabel = "NAME", description = "The app's name: lower-case letters, digits and dashes.")
    String name;

    public AppsCreateCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode app = cli.api().postJson("/api/apps", Map.of("name", name));
        cli.out().println("Created app " + Json.text(app, "name") + ".");
        cli.out().println("Deploy it with: slip deploy " + Json.text(app, "name") + " [DIR]");
        return ExitCodes.OK;
    }
}
