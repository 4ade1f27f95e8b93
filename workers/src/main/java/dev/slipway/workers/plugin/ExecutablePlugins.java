package dev.slipway.workers.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.HookPoints;
import dev.slipway.api.Setting;
import dev.slipway.api.StageException;
import dev.slipway.api.Strategy;
import dev.slipway.api.config.Names;
import dev.slipway.archive.PluginPackage;
import dev.slipway.messaging.WorkerAnnounced;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Executable plugins: a program {@code slipway-plugin-<name>} in the plugins directory, in any
 * language, spoken to as {@code docs/plugin-protocol.md} says. Loading keeps a copy of the program
 * by its checksum (what runs is what was checked) and asks it {@code info}; a program that crashes,
 * hangs, prints garbage, speaks another protocol version or gives another name is refused, saying why.
 */
final class ExecutablePlugins implements PluginLoader {

    private static final Logger LOG = Logger.getLogger(ExecutablePlugins.class);
    static final long MAX_PROGRAM = 64L << 20;
    private static final int MAX_STRATEGIES = 16;
    private static final int MAX_SETTINGS = 32;

    private final PluginCalls calls;
    private final Duration quick;
    private final Duration slow;

    /**
     * @param quick how long {@code info}, {@code accept} and {@code http} may take
     * @param slow  how long the other calls may take
     */
    ExecutablePlugins(PluginCalls calls, Duration quick, Duration slow) {
        this.calls = calls;
        this.quick = quick;
        this.slow = slow;
    }

    @Override
    public boolean claims(Path entry) {
        return entry.getFileName().toString().startsWith(PluginProtocol.PREFIX) && !Files.isDirectory(entry);
    }

    @Override
    public List<Path> kept(String checksum) throws IOException {
        return calls.boxes().kept(checksum);
    }

    @Override
    public FoundPlugin load(Path entry) {
        String fileName = entry.getFileName().toString();
        String name = fileName.substring(PluginProtocol.PREFIX.length());
        FoundPlugin unread = found(name, fileName, "unknown", null);
        if (StrategyKind.nameProblem(name) != null) {
            return unread.refused("plugin name \"" + Names.printable(name) + "\" (its file name"
                    + " after " + PluginProtocol.PREFIX + ") is not a lower-case name of at most 63 letters, digits and '-'");
        }
        if (!Files.isRegularFile(entry) || !Files.isExecutable(entry)) {
            return unread.refused("is not an executable file (chmod +x it)");
        }
        Path program;
        FoundPlugin plugin;
        try {
            byte[] bytes = read(entry);
            String checksum = PluginPackage.sha256(bytes);
            plugin = found(name, fileName, "unknown", checksum);
            program = calls.boxes().keep(fileName, bytes, checksum);
        } catch (IOException e) {
            return unread.refused("cannot be read: " + e.getMessage());
        }
        try {
            JsonNode info = info(name, program);
            String said = PluginAnswers.text(info, "name", true, 63);
            if (!said.equals(name)) {
                return plugin.refused("its info answer names it \"" + Names.printable(said)
                        + "\", but its file names it \"" + name + "\"");
            }
            String version = PluginAnswers.text(info, "version", true, 64);
            plugin = found(name, fileName, version, plugin.description().checksum());
            String problem = PluginProtocol.problem(info.path("protocol").isTextual() ? info.get("protocol").asText() : null);
            if (problem != null) {
                return plugin.refused(problem);
            }
            ExecutableStrategy.Program own = new ExecutableStrategy.Program(name, program, calls, quick, slow);
            List<Strategy> strategies = new ArrayList<>();
            List<JsonNode> provides = PluginAnswers.array(info, "provides", MAX_STRATEGIES);
            for (int i = 0; i < provides.size(); i++) {
                strategies.add(strategy(own, PluginAnswers.element(provides, i, "provides"), "provides[" + i + "]"));
            }
            if (strategies.isEmpty()) {
                return plugin.refused("provides no strategy: its info answer lists none in \"provides\"");
            }
            return new FoundPlugin(plugin.description(), strategies);
        } catch (StageException e) {
            return plugin.refused(e.getMessage());
        } catch (PluginAnswers.BadField e) {
            return plugin.refused("its info answer is wrong: " + e.getMessage());
        } catch (RuntimeException e) {
            return plugin.refused("cannot be loaded: " + e);
        }
    }

    private JsonNode info(String name, Path program) throws StageException {
        ObjectNode request = PluginAnswers.object();
        request.put("protocol", PluginProtocol.VERSION);
        request.put("operation", PluginProtocol.INFO);
        return PluginAnswers.answer(calls.run(new PluginCalls.Invocation(name, program, PluginProtocol.INFO, null, null,
                null, Map.of(), request, line -> LOG.infof("plugin %s (info): %s", name, line), quick, false,
                PluginCalls.Around.NOTHING)));
    }

    private static Strategy strategy(ExecutableStrategy.Program program, JsonNode node, String path)
            throws PluginAnswers.BadField {
        String kind = PluginAnswers.text(node, path + ".kind", true, 32);
        String name = PluginAnswers.text(node, path + ".name", true, 63);
        int priority = PluginAnswers.integer(node, path + ".priority", 0, -1000, 1000);
        List<Setting> settings = new ArrayList<>();
        List<JsonNode> declared = PluginAnswers.array(node, path + ".settings", MAX_SETTINGS);
        for (int i = 0; i < declared.size(); i++) {
            settings.add(setting(PluginAnswers.element(declared, i, path + ".settings"), path + ".settings[" + i + "]"));
        }
        List<String> points = new ArrayList<>();
        List<JsonNode> listed = PluginAnswers.array(node, path + ".points", HookPoints.ALL.size());
        for (int i = 0; i < listed.size(); i++) {
            if (!listed.get(i).isTextual() || !HookPoints.ALL.contains(listed.get(i).asText())) {
                throw new PluginAnswers.BadField(path + ".points[" + i + "]", "is not a hook point; known: "
                        + String.join(", ", HookPoints.ALL));
            }
            points.add(listed.get(i).asText());
        }
        if (!points.isEmpty() && !kind.equals("hook")) {
            throw new PluginAnswers.BadField(path + ".points", "is for hooks only");
        }
        ExecutableStrategy.Described described = new ExecutableStrategy.Described(kind, name, priority,
                List.copyOf(settings), points.isEmpty() ? HookPoints.ALL : List.copyOf(points));
        return switch (kind) {
            case "builder" -> new ExecutableBuilder(program, described);
            case "deployer" -> new ExecutableDeployer(program, described);
            case "hook" -> new ExecutableHook(program, described);
            case "http" -> new ExecutableHttpExtension(program, described);
            default -> throw new PluginAnswers.BadField(path + ".kind", "\"" + Names.printable(kind)
                    + "\" is not a kind an executable plugin can provide: builder, deployer, hook, http");
        };
    }

    private static Setting setting(JsonNode node, String path) throws PluginAnswers.BadField {
        String key = PluginAnswers.text(node, path + ".key", true, 63);
        String type = PluginAnswers.text(node, path + ".type", true, 16);
        JsonNode given = node.get("default");
        if (given != null && !given.isNull() && !given.isValueNode()) {
            throw new PluginAnswers.BadField(path + ".default", "is not a text, number or boolean");
        }
        String description = PluginAnswers.text(node, path + ".description", true, 500);
        try {
            return new Setting(key, Setting.Type.valueOf(type.toUpperCase(Locale.ROOT)),
                    given == null || given.isNull() ? null : given.asText(), description);
        } catch (IllegalArgumentException e) {
            throw new PluginAnswers.BadField(path, e.getMessage().startsWith("No enum constant")
                    ? "type \"" + type + "\" is not one of string, integer, boolean, path" : e.getMessage());
        }
    }

    private static FoundPlugin found(String name, String source, String version, String checksum) {
        return new FoundPlugin(new WorkerAnnounced.Plugin(name, WorkerAnnounced.Origin.EXECUTABLE, source, version,
                checksum, WorkerAnnounced.Status.LOADED, null, List.of()), List.of());
    }

    private static byte[] read(Path entry) throws IOException {
        try (InputStream in = Files.newInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) MAX_PROGRAM + 1);
            if (bytes.length > MAX_PROGRAM) {
                throw new IOException("it is larger than " + (MAX_PROGRAM >> 20) + " MiB");
            }
            return bytes;
        }
    }
}
