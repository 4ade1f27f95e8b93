package dev.slipway.workers.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.HookContext;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.StageException;
import dev.slipway.api.config.AppConfig;
import java.util.List;
import java.util.Map;

/**
 * A lifecycle hook that is an executable plugin: asked {@code accept} at the points it subscribes
 * to, then called with {@code hook} beside the release, in its (read-only) build tree.
 */
final class ExecutableHook extends ExecutableStrategy implements LifecycleHook {

    private final List<String> points;

    ExecutableHook(Program program, Described described) {
        super(program, described);
        this.points = described.points();
    }

    @Override
    public List<String> points() {
        return points;
    }

    @Override
    public boolean accept(String point, AppConfig config) {
        ObjectNode request = request(PluginProtocol.ACCEPT);
        request.put("point", point);
        return accepts(request, Map.of("SLIPWAY_HOOK_POINT", point));
    }

    @Override
    public void run(String point, HookContext context) throws StageException {
        ObjectNode request = request(PluginProtocol.HOOK, context, context.workDir());
        request.put("point", point);
        if (context.release() != null) {
            request.set("release", release(context.release()));
        }
        if (context.artifact() != null) {
            request.set("artifact", artifact(context.artifact()));
        }
        call(PluginProtocol.HOOK, context, context.workDir(), request, Map.of("SLIPWAY_HOOK_POINT", point),
                PluginCalls.Around.NOTHING);
    }
}
