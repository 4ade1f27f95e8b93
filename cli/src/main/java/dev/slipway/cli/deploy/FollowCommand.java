package dev.slipway.cli.deploy;

import dev.slipway.cli.Cli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slip follow DEPLOYMENT_ID}. */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = {"Follow a deployment live from its first event, stage by stage, until it ends.",
                "Exits 0 when it succeeds, 1 when it fails."})
public final class FollowCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(paramLabel = "DEPLOYMENT_ID", description = "As printed by slip deploy.")
    String id;

    @Option(names = "--logs", description = "Also show the stages' logs.")
    boolean logs;

    public FollowCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        return new DeploymentFollower(cli).follow(id, logs);
    }
}
