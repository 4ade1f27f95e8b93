package dev.slipway.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.Table;
import dev.slipway.cli.deploy.DeploymentFollower;
import dev.slipway.cli.http.UrlPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slip config APP}, {@code slip config APP KEY=VALUE…}, {@code slip config APP --unset KEY}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"List an app's config vars (values are never shown), or set some as KEY=VALUE.",
                "Setting or unsetting vars of a live app makes a new release, followed live."})
public final class ConfigCommand implements Callable<Integer> {

    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE")
    List<String> assignments = List.of();

    @Option(names = "--unset", paramLabel = "KEY", description = "Remove this var.")
    String unset;

    public ConfigCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        String path = "/api/apps/" + UrlPaths.segment(app) + "/config";
        if (unset != null) {
            return followIfReleased(cli.api().delete(path + "/" + UrlPaths.segment(unset)));
        }
        if (assignments.isEmpty()) {
            Table table = new Table("KEY", "VALUE", "UPDATED");
            for (JsonNode v : cli.api().get(path)) {
                table.row(Json.text(v, "key"), Json.text(v, "value"), Json.text(v, "updatedAt"));
            }
            table.print(cli.out(), "");
            return ExitCodes.OK;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "\"" + assignment + "\" is not KEY=VALUE");
            }
            vars.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return followIfReleased(cli.api().putJson(path, vars));
    }

    private int followIfReleased(JsonNode answer) throws Exception {
        if (!Json.has(answer, "id")) {
            cli.out().println(Json.text(answer, "message"));
            return ExitCodes.OK;
        }
        cli.out().println("Deployment " + Json.text(answer, "id"));
        return new DeploymentFollower(cli).follow(Json.text(answer, "id"), false);
    }
}
