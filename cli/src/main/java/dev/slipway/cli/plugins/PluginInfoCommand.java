package dev.slipway.cli.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slip plugins info NAME}: where a plugin came from, its strategies, their settings and hook points, each worker's status. */
@Command(name = "info", description = "Show a plugin: its strategies, their settings, and each worker's status.",
        mixinStandardHelpOptions = true)
public final class PluginInfoCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's name, as slip plugins lists it.")
    String name;

    public PluginInfoCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        boolean found = false;
        for (JsonNode plugin : cli.api().get("/api/plugins")) {
            if (!Json.text(plugin, "name").equals(name)) {
                continue;
            }
            found = true;
            cli.out().println(name + " " + Json.text(plugin, "version") + " (" + Json.text(plugin, "origin") + ", "
                    + Json.text(plugin, "source") + (Json.has(plugin, "checksum")
                    ? ", sha256 " + Json.text(plugin, "checksum") : "") + ")");
            for (JsonNode strategy : plugin.path("provides")) {
                cli.out().println("  " + Json.text(strategy, "kind") + " " + Json.text(strategy, "name") + ", priority "
                        + Json.text(strategy, "priority"));
                List<String> points = new ArrayList<>();
                strategy.path("points").forEach(point -> points.add(point.asText()));
                if (!points.isEmpty()) {
                    cli.out().println("    hook points: " + String.join(", ", points));
                }
                for (JsonNode setting : strategy.path("settings")) {
                    cli.out().println("    slipway.plugins." + Json.text(strategy, "name") + "." + Json.text(setting, "key")
                            + " (" + Json.text(setting, "type").toLowerCase() + (Json.has(setting, "defaultValue")
                            ? ", default " + Json.text(setting, "defaultValue") : "") + "): "
                            + Json.text(setting, "description"));
                }
            }
            for (JsonNode worker : plugin.path("workers")) {
                cli.out().println("  on " + Json.text(worker, "worker") + ": " + Json.text(worker, "status")
                        + (Json.has(worker, "problem") ? ": " + Json.text(worker, "problem") : ""));
            }
        }
        if (!found) {
            cli.err().println("slip: no worker has a plugin named \"" + name + "\"; slip plugins lists them");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
