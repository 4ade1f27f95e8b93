package dev.slipway.cli.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slip plugins}: the plugins the live workers found, and how each worker fared with them. */
@Command(name = "plugins", description = "List the plugins the workers found, loaded or refused.",
        mixinStandardHelpOptions = true, subcommands = {PluginInfoCommand.class, PluginInstallCommand.class, PluginRemoveCommand.class})
public final class PluginsCommand implements Callable<Integer> {

    private final Cli cli;

    @Option(names = "--json", description = "Print the API's JSON as is.")
    boolean json;

    public PluginsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode plugins = cli.api().get("/api/plugins");
        if (json) {
            cli.out().println(plugins.toPrettyString());
            return ExitCodes.OK;
        }
        Table table = new Table("NAME", "VERSION", "ORIGIN", "PROVIDES", "STATUS");
        for (JsonNode plugin : plugins) {
            table.row(Json.text(plugin, "name"), Json.text(plugin, "version"), Json.text(plugin, "origin"),
                    String.join(" ", provides(plugin)), status(plugin));
        }
        table.print(cli.out(), "");
        return ExitCodes.OK;
    }

    /** {@code kind/name} of each strategy it provides, with its auto-detection priority when it has one. */
    static List<String> provides(JsonNode plugin) {
        List<String> provides = new ArrayList<>();
        plugin.path("provides").forEach(p -> provides.add(Json.text(p, "kind") + "/" + Json.text(p, "name")
                + (p.path("priority").asInt() == 0 ? "" : " (" + p.path("priority").asInt() + ")")));
        return provides;
    }

    /** "LOADED on 2 workers", or the first refusal and its reason; an installed plugin no worker has reported yet says so. */
    static String status(JsonNode plugin) {
        if (plugin.path("workers").isEmpty()) {
            return "installed, on no worker yet";
        }
        int loaded = 0;
        for (JsonNode worker : plugin.path("workers")) {
            if (!Json.text(worker, "status").equals("LOADED")) {
                return Json.text(worker, "status") + " on " + Json.text(worker, "worker") + ": "
                        + Json.text(worker, "problem");
            }
            loaded++;
        }
        return "LOADED on " + loaded + (loaded == 1 ? " worker" : " workers");
    }
}
