package dev.slipway.cli.storage;

import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.http.UrlPaths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slip storage:rm APP PATH}: the one way to drop a persistent directory before the app goes. */
@Command(name = "storage:rm", mixinStandardHelpOptions = true,
        description = {"Remove one of the app's persistent directories ([[storage]] in slipway.toml) and all in it.",
                "Refused while the serving release declares it or a deployment is in progress."})
public final class StorageRemoveCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Parameters(index = "1", paramLabel = "PATH", description = "As in slipway.toml, e.g. data or public/uploads.")
    String path;

    public StorageRemoveCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        cli.api().delete("/api/apps/" + UrlPaths.segment(app) + "/storage?path=" + UrlPaths.segment(path));
        cli.out().println("Persistent storage " + path + " of " + app + " is being removed.");
        return ExitCodes.OK;
    }
}
