package dev.slipway.cli.ps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.deploy.DeploymentFollower;
import dev.slipway.cli.http.UrlPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slip ps:scale APP web=3 worker=2}: a new release with that formation, followed live. */
@Command(name = "ps:scale", mixinStandardHelpOptions = true,
        description = {"Change how many processes of each type the app runs: a new release of the same build,"
                + " started beside the serving one and switched to once healthy.",
                "Exits 0 when it succeeds, 1 when it fails."})
public final class ScaleCommand implements Callable<Integer> {

    private static final Pattern COUNT = Pattern.compile("([a-z][a-z0-9_-]*)=(\\d{1,4})");

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TYPE=COUNT", description = "e.g. web=3 worker=2")
    List<String> counts;

    public ScaleCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Integer> formation = new LinkedHashMap<>();
        for (String count : counts) {
            Matcher m = COUNT.matcher(count);
            if (!m.matches()) {
                cli.err().println("\"" + count + "\" is not TYPE=COUNT, e.g. web=3");
                return ExitCodes.USAGE;
            }
            formation.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        JsonNode deployment = cli.api().putJson("/api/apps/" + UrlPaths.segment(app) + "/formation", formation);
        String id = Json.text(deployment, "id");
        cli.out().println("Deployment " + id);
        return new DeploymentFollower(cli).follow(id, false);
    }
}
