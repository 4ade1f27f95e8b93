package dev.slipway.cli.apps;

import picocli.CommandLine.Command;

/** {@code slip apps}: a group only. */
@Command(name = "apps", description = "Create, list, show and set up apps.", mixinStandardHelpOptions = true,
        subcommands = {AppsCreateCommand.class, AppsListCommand.class, AppsShowCommand.class, AppsSetCommand.class})
public final class AppsCommand {
}
