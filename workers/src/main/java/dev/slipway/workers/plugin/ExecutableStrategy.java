package dev.slipway.workers.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.Setting;
import dev.slipway.api.StageContext;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What the strategies of an executable plugin share: they are described by its {@code info} answer
 * and do their work by calling its program ({@code docs/plugin-protocol.md}).
 */
abstract class ExecutableStrategy implements Strategy {

    private static final Logger LOG = Logger.getLogger(ExecutableStrategy.class);

    /** One strategy as the plugin's info answer describes it. */
    record Described(String kind, String name, int priority, List<Setting> settings, List<String> points) {
    }

    /** The program of one loaded plugin, and how long its calls may take. */
    record Program(String plugin, Path path, PluginCalls calls, Duration quick, Duration slow) {
    }

    private final Program program;
    private final Described described;

    ExecutableStrategy(Program program, Described described) {
        this.program = program;
        this.described = described;
    }

    @Override
    public String name() {
        return described.name();
    }

    @Override
    public int priority() {
        return described.priority();
    }

    @Override
    public List<Setting> settings() {
        return described.settings();
    }

    /** The plugin this strategy belongs to. */
    String plugin() {
        return program.plugin();
    }

    /**
     * {@code accept}: exit 0 yes, 100 no. Anything else throws, so that the registry skips the
     * strategy for this choice and reports the plugin's failure.
     */
    boolean accepts(ObjectNode request, Map<String, String> env) {
        try {
            PluginCalls.Answer answer = program.calls().run(invocation(PluginProtocol.ACCEPT, null, null, null, request,
                    env, line -> LOG.infof("plugin %s (accept): %s", program.plugin(), line), program.quick(), false,
                    PluginCalls.Around.NOTHING));
            if (answer.exit() == PluginProtocol.NOT_APPLICABLE) {
                return false;
            }
            PluginAnswers.answer(answer);
            return true;
        } catch (StageException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A stage's call: its settings in the request and the environment, the host's services granted. */
    JsonNode call(String operation, StageContext context, Path workDir, ObjectNode request, Map<String, String> env,
                  PluginCalls.Around around) throws StageException {
        return PluginAnswers.answer(program.calls().run(invocation(operation, context.app(), context.deploymentId(),
                workDir, request, settings(request, context.config(), env), context.log(), program.slow(), true,
                around)));
    }

    /**
     * A call outside any stage (a REST request): no app, no deployment, its own HOME, stderr to the
     * worker's log, the quick time limit (a caller is waiting); its settings given and the host's
     * services granted, so it reaches its storage (and no deployment's metadata).
     */
    JsonNode callOutsideStages(String operation, Map<String, String> config, ObjectNode request)
            throws StageException {
        return PluginAnswers.answer(program.calls().run(invocation(operation, null, null, null, request,
                settings(request, config, Map.of()), line -> LOG.infof("plugin %s (%s): %s", program.plugin(),
                        operation, line), program.quick(), true, PluginCalls.Around.NOTHING)));
    }

    /** The settings into the request, and {@code env} with each as {@code SLIPWAY_SETTING_<KEY>}. */
    private static Map<String, String> settings(ObjectNode request, Map<String, String> config,
                                                Map<String, String> env) {
        request.set("settings", PluginAnswers.JSON.valueToTree(config));
        Map<String, String> all = new LinkedHashMap<>(env);
        config.forEach((key, value) -> all.put("SLIPWAY_SETTING_" + key.toUpperCase(Locale.ROOT).replace('-', '_'),
                value));
        return all;
    }

    PluginCalls calls() {
        return program.calls();
    }

    /** The request every call of this strategy starts from: which strategy, of which kind. */
    ObjectNode request(String operation) {
        ObjectNode request = PluginAnswers.object();
        request.put("protocol", PluginProtocol.VERSION);
        request.put("operation", operation);
        request.put("plugin", program.plugin());
        request.put("kind", described.kind());
        request.put("strategy", described.name());
        return request;
    }

    /** The request of a stage's call: the app, the deployment, and the work directory if it has one. */
    ObjectNode request(String operation, StageContext context, Path workDir) {
        ObjectNode request = request(operation);
        request.put("app", context.app());
        request.put("deploymentId", context.deploymentId().toString());
        if (workDir != null) {
            request.put("workDir", workDir.toString());
        }
        return request;
    }

    /** The variables every call of this strategy has: which strategy, of which kind. */
    Map<String, String> env() {
        return Map.of("SLIPWAY_KIND", described.kind(), "SLIPWAY_STRATEGY", described.name());
    }

    private PluginCalls.Invocation invocation(String operation, String app, java.util.UUID deploymentId, Path workDir,
                                              ObjectNode request, Map<String, String> env, StageLog log,
                                              Duration timeout, boolean granted, PluginCalls.Around around) {
        Map<String, String> all = new LinkedHashMap<>(env());
        all.putAll(env);
        return new PluginCalls.Invocation(program.plugin(), program.path(), operation, app, deploymentId, workDir, all,
                request, log, timeout, granted, around);
    }

    /**
     * A relative path an answer names that stays inside {@code dir}, links resolved: the plugin's
     * user may write there, so a link it made must not lead the host outside.
     */
    static Path inside(Path dir, String relative, String field) throws PluginAnswers.BadField {
        Path path = dir.resolve(relative).normalize();
        try {
            if (Path.of(relative).isAbsolute() || !path.startsWith(dir)
                    || (Files.exists(path) && !path.toRealPath().startsWith(dir.toRealPath()))) {
                throw new PluginAnswers.BadField(field, "leads outside the work directory");
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new PluginAnswers.BadField(field, "is not a path in the work directory: " + e.getMessage());
        }
        return path;
    }

    static ObjectNode artifact(BuildArtifact artifact) {
        ObjectNode node = PluginAnswers.object();
        node.put("kind", artifact.kind());
        node.put("root", artifact.root().toString());
        node.set("processes", PluginAnswers.JSON.valueToTree(artifact.processes()));
        node.set("env", PluginAnswers.JSON.valueToTree(artifact.env()));
        node.set("path", PluginAnswers.JSON.valueToTree(artifact.path()));
        node.put("builder", artifact.builder());
        node.put("toolchain", artifact.toolchain());
        return node;
    }

    static ObjectNode release(DeploymentInfo release) {
        ObjectNode node = PluginAnswers.object();
        node.put("app", release.app());
        node.put("releaseId", release.releaseId());
        node.put("deployer", release.deployer());
        if (release.isStatic()) {
            node.put("static", release.staticRoot().toString());
        } else {
            ObjectNode upstream = node.putObject("upstream");
            upstream.put("host", release.upstreamHost());
            upstream.put("port", release.upstreamPort());
        }
        node.set("attributes", PluginAnswers.JSON.valueToTree(release.attributes()));
        return node;
    }
}
