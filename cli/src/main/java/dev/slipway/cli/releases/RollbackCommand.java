package dev.slipway.cli.releases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.Json;
import dev.slipway.cli.deploy.DeploymentFollower;
import dev.slipway.cli.http.UrlPaths;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slip rollback APP [RELEASE]}. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Run an earlier release again as a new release, without building, and follow it live.",
                "Exits 0 when it succeeds, 1 when it fails."})
public final class RollbackCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RELEASE",
            description = "The release number (see slip releases); default: the one before the current.")
    Integer release;

    public RollbackCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode deployment = cli.api().postJson("/api/apps/" + UrlPaths.segment(app) + "/rollback",
                release == null ? Map.of() : Map.of("release", release));
        String id = Json.text(deployment, "id");
        cli.out().println("Deployment " + id);
        return new DeploymentFollower(cli).follow(id, false);
    }
}
