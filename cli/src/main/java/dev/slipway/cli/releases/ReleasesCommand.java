package dev.slipway.cli.releases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.Table;
import dev.slipway.cli.http.UrlPaths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slip releases APP}. */
@Command(name = "releases", mixinStandardHelpOptions = true, description = "List an app's releases, newest first.")
public final class ReleasesCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(paramLabel = "APP")
    String app;

    public ReleasesCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode releases = cli.api().get("/api/apps/" + UrlPaths.segment(app) + "/releases");
        if (releases.isEmpty()) {
            cli.out().println(app + " has no release yet. Deploy it with: slip deploy " + app + " DIR");
            return ExitCodes.OK;
        }
        Table table = new Table("", "RELEASE", "CREATED", "DEPLOYMENT");
        for (JsonNode release : releases) {
            table.row(release.path("current").asBoolean() ? "*" : "", Json.text(release, "version"),
                    Json.text(release, "createdAt"), Json.text(release, "deploymentId"));
        }
        table.print(cli.out(), "");
        return ExitCodes.OK;
    }
}
