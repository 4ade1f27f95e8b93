package dev.slipway.workers.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeployContext;
import dev.slipway.api.Deployer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.StageContext;
import dev.slipway.api.StageException;
import dev.slipway.workers.isolation.PluginBoxes;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A deployer that is an executable plugin: {@code deploy} runs in the release's directory, which
 * the plugin's user may write, and answers where the release is; {@code stop} is shown the release.
 */
final class ExecutableDeployer extends ExecutableStrategy implements Deployer {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    ExecutableDeployer(Program program, Described described) {
        super(program, described);
    }

    @Override
    public boolean accept(BuildArtifact artifact) {
        ObjectNode request = request(PluginProtocol.ACCEPT);
        request.set("artifact", artifact(artifact));
        return accepts(request, Map.of());
    }

    @Override
    public DeploymentInfo deploy(DeployContext context) throws StageException {
        Path dir = context.workDir();
        ObjectNode request = request(PluginProtocol.DEPLOY, context, dir);
        request.set("artifact", artifact(context.artifact()));
        JsonNode answer = call(PluginProtocol.DEPLOY, context, dir, request, Map.of(), new PluginCalls.Around() {
            @Override
            public void before(PluginBoxes.Call box) throws StageException {
                calls().boxes().ownWorkDir(box, dir);
            }
        });
        String releaseId = context.deploymentId().toString();
        try {
            Map<String, String> attributes = PluginAnswers.texts(answer, "attributes", 32,
                    key -> ATTRIBUTE.matcher(key).matches() ? null : "is not a name of letters, digits, '_' and '-'");
            JsonNode upstream = answer.get("upstream");
            String site = PluginAnswers.text(answer, "static", false, 1024);
            if ((upstream == null) == (site == null)) {
                throw new PluginAnswers.BadField("upstream", "or static must be given, not both or neither");
            }
            if (site != null) {
                Path root = inside(dir, site, "static");
                if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PluginAnswers.BadField("static", "is not a directory in the work directory");
                }
                return DeploymentInfo.staticFiles(context.app(), releaseId, name(), root, attributes);
            }
            if (!upstream.isObject()) {
                throw new PluginAnswers.BadField("upstream", "is not an object {\"host\", \"port\"}");
            }
            String host = PluginAnswers.text(upstream, "upstream.host", true, 253);
            if (!HOST.matcher(host).matches()) {
                throw new PluginAnswers.BadField("upstream.host", "is not a host name or IP address");
            }
            int port = PluginAnswers.integer(upstream, "upstream.port", -1, 1, 65535);
            if (port < 0) {
                throw new PluginAnswers.BadField("upstream.port", "is missing");
            }
            return DeploymentInfo.upstream(context.app(), releaseId, name(), host, port, attributes);
        } catch (PluginAnswers.BadField e) {
            throw new StageException("plugin " + plugin() + " (deploy) answered wrongly: " + e.getMessage());
        }
    }

    @Override
    public void stop(DeploymentInfo release, StageContext context) throws StageException {
        ObjectNode request = request(PluginProtocol.STOP, context, null);
        request.set("release", release(release));
        call(PluginProtocol.STOP, context, null, request, Map.of(), PluginCalls.Around.NOTHING);
    }
}
