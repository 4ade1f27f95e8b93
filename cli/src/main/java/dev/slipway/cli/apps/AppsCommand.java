package dev.slipway.cli.apps;

import picocli.CommandLine.Command;

/** {@code slip apps}: a group only. */
@Command(name = "apps", description = "Create, list and show apps.", mixinStandardHelpOptions = true,
        subcommands = {AppsCreateCommand.class, AppsListCommand.class, AppsShowCommand.class})
public final class AppsCommand {
}
