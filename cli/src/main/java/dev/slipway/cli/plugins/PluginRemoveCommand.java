package dev.slipway.cli.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.http.UrlPaths;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slip plugins remove NAME}: removes an installed plugin from every worker and waits for them. */
@Command(name = "remove", description = "Remove a plugin installed with slip plugins install from every worker.",
        mixinStandardHelpOptions = true)
public final class PluginRemoveCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for the workers (default: 60).")
    long timeout;

    public PluginRemoveCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        String checksum = null;
        for (JsonNode plugin : cli.api().get("/api/plugins")) {
            if (Json.text(plugin, "name").equals(name) && Json.has(plugin, "installed")) {
                checksum = Json.text(plugin.get("installed"), "announcedChecksum");
            }
        }
        cli.api().delete("/api/plugins/" + UrlPaths.segment(name));
        cli.out().println("removed " + name);
        if (checksum == null) {
            return ExitCodes.OK;
        }
        var statuses = new PluginRollout(cli, name, checksum).await(false, Duration.ofSeconds(timeout));
        return PluginRollout.print(cli, statuses, "removed") ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
