package dev.slipway.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.http.UrlPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slip deploy APP [DIR]}: pack, upload, follow. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Pack DIR (.git, node_modules, target, .venv and __pycache__ left out), upload it as a new "
                + "deployment of APP, and follow it live, stage by stage.",
                "Exits 0 when the deployment succeeds, 1 when it fails."})
public final class DeployCommand implements Callable<Integer> {

    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "APP", description = "The app to deploy.")
    String app;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", defaultValue = ".", description = "The source tree (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--git", paramLabel = "URL", description = "Deploy from this git repository instead of DIR.")
    String git;

    @Option(names = "--ref", paramLabel = "REF", description = "With --git: the branch or tag (default: the default branch).")
    String ref;

    @Option(names = "--no-follow", description = "Print the deployment id and return without following it.")
    boolean noFollow;

    @Option(names = "--logs", description = "Also show the stages' logs while following.")
    boolean logs;

    public DeployCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (git != null) {
            Map<String, String> source = ref == null ? Map.of("git", git) : Map.of("git", git, "ref", ref);
            cli.out().printf("Asking %s to deploy %s%s%n", app, git, ref == null ? "" : " " + ref);
            return follow(cli.api().postJson("/api/apps/" + UrlPaths.segment(app) + "/deployments", source));
        }
        if (ref != null) {
            throw new ParameterException(spec.commandLine(), "--ref goes with --git");
        }
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "DIR " + dir + " is not a directory");
        }
        Path source = dir.toAbsolutePath().normalize();
        SourcePacker.Packed packed = SourcePacker.pack(source);
        JsonNode deployment;
        try {
            cli.out().printf("Uploading %s to %s (%d entries, %s)%n", source, app, packed.inspection().entries(),
                    SourcePacker.human(packed.compressedBytes()));
            deployment = cli.api().postFile("/api/apps/" + UrlPaths.segment(app) + "/deployments", packed.file(), "application/gzip");
        } finally {
            Files.deleteIfExists(packed.file());
        }
        return follow(deployment);
    }

    private int follow(JsonNode deployment) throws Exception {
        String id = Json.text(deployment, "id");
        cli.out().println("Deployment " + id);
        if (noFollow) {
            cli.out().println("Follow it with: slip follow " + id);
            return ExitCodes.OK;
        }
        return new DeploymentFollower(cli).follow(id, logs);
    }
}
