package dev.slipway.cli;

import dev.slipway.cli.apps.AppsCommand;
import dev.slipway.cli.config.ConfigCommand;
import dev.slipway.cli.deploy.CancelCommand;
import dev.slipway.cli.deploy.DeployCommand;
import dev.slipway.cli.deploy.FollowCommand;
import dev.slipway.cli.deploy.StatusCommand;
import dev.slipway.cli.plugins.PluginsCommand;
import dev.slipway.cli.ps.PsCommand;
import dev.slipway.cli.logs.LogsCommand;
import dev.slipway.cli.ps.ScaleCommand;
import dev.slipway.cli.storage.StorageRemoveCommand;
import dev.slipway.cli.releases.ReleasesCommand;
import dev.slipway.cli.releases.RollbackCommand;
import picocli.CommandLine.Command;

/** The top of {@code slip}: only subcommands. */
@Command(name = "slip",
        mixinStandardHelpOptions = true,
        versionProvider = SlipCommand.Version.class,
        description = "Deploy apps to Slipway and watch them go live.",
        subcommands = {AppsCommand.class, DeployCommand.class, StatusCommand.class, FollowCommand.class, CancelCommand.class,
                ReleasesCommand.class, RollbackCommand.class, ConfigCommand.class, PsCommand.class, ScaleCommand.class,
                LogsCommand.class,
                StorageRemoveCommand.class, PluginsCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {"  SLIPWAY_URL    the API, default " + Config.DEFAULT_URL,
                "  SLIPWAY_TOKEN  API token, sent as a bearer token when set",
                "%nExit codes:",
                "  0  done; for deploy and follow: the deployment succeeded",
                "  1  the deployment failed, or the API refused the request",
                "  2  usage error, or Slipway could not be reached"})
public final class SlipCommand {

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SlipCommand.class.getPackage().getImplementationVersion();
            return new String[] {"slip " + (version == null ? "(development build)" : version)};
        }
    }
}
