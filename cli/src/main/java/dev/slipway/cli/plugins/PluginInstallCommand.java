package dev.slipway.cli.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.archive.PluginPackage;
import dev.slipway.archive.PluginZip;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slip plugins install PATH|GROUP:ARTIFACT:VERSION}: installs a plugin on every worker and waits for them. */
@Command(name = "install", description = "Install a plugin on every worker: a jar, a directory of jars, an executable "
        + "named slipway-plugin-<name>, or a jar's Maven coordinates.", mixinStandardHelpOptions = true)
public final class PluginInstallCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "PATH|GROUP:ARTIFACT:VERSION")
    String source;

    @Option(names = "--name", description = "Install it under this name (default: the one the plugin gives itself).")
    String name;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for the workers (default: 60).")
    long timeout;

    public PluginInstallCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Path path = Path.of(source);
        JsonNode installed;
        if (Files.exists(path) && path.toAbsolutePath().normalize().getFileName() == null) {
            cli.err().println("slip: " + path + " is the root directory, not a plugin");
            return ExitCodes.USAGE;
        } else if (Files.exists(path)) {
            PluginPackage.Kind kind = kindOf(path);
            if (kind == null) {
                cli.err().println("slip: " + path + " is neither a jar, a directory of jars nor an executable file named "
                        + PluginPackage.EXECUTABLE_PREFIX + "<name>");
                return ExitCodes.USAGE;
            }
            installed = upload(path, kind);
        } else if (source.matches("[^:/\\\\]+:[^:/\\\\]+:[^:/\\\\]+")) {
            Map<String, String> request = new LinkedHashMap<>();
            request.put("coordinates", source);
            if (name != null) {
                request.put("name", name);
            }
            installed = cli.api().postJson("/api/plugins", request);
        } else {
            cli.err().println("slip: " + source + " is neither a file, a directory nor group:artifact:version");
            return ExitCodes.USAGE;
        }
        String plugin = Json.text(installed, "name");
        cli.out().println("installed " + plugin + " (" + Json.text(installed, "kind") + " " + Json.text(installed, "fileName")
                + ", sha256 " + Json.text(installed, "sha256") + ")");
        var statuses = new PluginRollout(cli, plugin, Json.text(installed, "announcedChecksum"))
                .await(true, Duration.ofSeconds(timeout));
        return PluginRollout.print(cli, statuses, "LOADED") ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** A directory, a {@code .jar}, or an executable {@code slipway-plugin-<name>}; {@code null} for anything else. */
    private static PluginPackage.Kind kindOf(Path path) {
        String fileName = fileName(path);
        if (Files.isDirectory(path)) {
            return PluginPackage.Kind.DIR;
        }
        if (fileName.endsWith(".jar")) {
            return PluginPackage.Kind.JAR;
        }
        return fileName.startsWith(PluginPackage.EXECUTABLE_PREFIX) && Files.isExecutable(path)
                ? PluginPackage.Kind.EXECUTABLE : null;
    }

    private static String fileName(Path path) {
        return path.toAbsolutePath().normalize().getFileName().toString();
    }

    /** A directory goes as a zip of its jars. */
    private JsonNode upload(Path path, PluginPackage.Kind kind) throws Exception {
        String fileName = fileName(path);
        Path body = path;
        if (kind == PluginPackage.Kind.DIR) {
            body = Files.createTempFile("slip-plugin-", ".zip");
            Files.write(body, PluginZip.pack(path));
        }
        try {
            String query = "?kind=" + kind.id() + "&file=" + encode(fileName) + (name == null ? "" : "&name=" + encode(name));
            return cli.api().postFile("/api/plugins" + query, body, "application/octet-stream");
        } finally {
            if (body != path) {
                Files.delete(body);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
