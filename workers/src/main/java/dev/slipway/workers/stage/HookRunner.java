package dev.slipway.workers.stage;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.HookContext;
import dev.slipway.api.HookPoints;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.Sandbox;
import dev.slipway.api.StageException;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.workers.isolation.Isolation;
import dev.slipway.workers.plugin.StagePlugins;
import dev.slipway.workers.storage.PluginServices;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs a hook point's subscribers: every loaded lifecycle hook that lists the point in its
 * {@code points()} and accepts it, the app's own {@code [hooks]} command (the built-in command
 * hook) among them. Within a release's life they run beside it, in its box; at the app points
 * ({@link HookPoints#OF_APP}) nothing of the app's runs and no config var is opened.
 */
@ApplicationScoped
public class HookRunner {

    private final StageEnvironment environment;
    private final Isolation isolation;
    private final PluginServices services;

    public HookRunner(StageEnvironment environment, Isolation isolation, PluginServices services) {
        this.services = services;
        this.environment = environment;
        this.isolation = isolation;
    }

    /** One call of a hook point: what it runs beside or for. */
    public record Call(String point, SlipwayEvent command, DeploymentInfo release, BuildArtifact artifact,
                       AppConfig config, List<String> changedKeys) {
        public Call {
            config = config == null ? AppConfig.empty() : config;
            changedKeys = changedKeys == null ? List.of() : List.copyOf(changedKeys);
        }
    }

    /** @param plugins the stage's strategies: the hooks among them are the subscribers */
    public HookSubscribers.Outcome run(Call call, StagePlugins plugins, StageLogs.MaskedLog log) throws StageException {
        List<LifecycleHook> hooks = plugins.hooks();
        if (HookPoints.OF_APP.contains(call.point())) {
            Path scratch = scratch();
            try {
                return HookSubscribers.run(call.point(), hooks, accepting(call, plugins), hook -> context(call, scratch,
                        Map.of(), new NoAppCode(call.point()), hook, plugins, log), log);
            } finally {
                remove(scratch);
            }
        }
        if (call.artifact() == null) {
            throw new StageException(call.point() + " needs the release's artifact, and this request has none");
        }
        Box box = new Box(call, log);
        return HookSubscribers.run(call.point(), hooks, accepting(call, plugins), hook -> context(call,
                call.artifact().root(), box.env(), box.get().sandbox(), hook, plugins, log), log);
    }

    private static Predicate<LifecycleHook> accepting(Call call, StagePlugins plugins) {
        return hook -> plugins.accepts("hook", hook, h -> h.points().contains(call.point())
                && h.accept(call.point(), call.config()));
    }

    /** @throws StageException when the hook's plugin is pinned to a version this worker does not have: it fails */
    private HookContext context(Call call, Path workDir, Map<String, String> env, Sandbox sandbox,
                                LifecycleHook hook, StagePlugins plugins, StageLogs.MaskedLog log) throws StageException {
        plugins.check(hook);
        plugins.provenance(hook).ifPresent(log::line);
        return new StageContexts.Hook(call.command().app(), call.command().deploymentId(), workDir, env, log,
                plugins.settings(hook), services.of(hook, deployment(call)), sandbox, call.release(),
                call.artifact(), call.config(), call.changedKeys());
    }

    /** The deployment a call's metadata belongs to: none at the app points, whose request id is no deployment. */
    private static java.util.UUID deployment(Call call) {
        return HookPoints.OF_APP.contains(call.point()) ? null : call.command().deploymentId();
    }

    /** The release's box, made once and only when a subscriber runs: a point nobody subscribes to prepares nothing. */
    private final class Box {
        private final Call call;
        private final StageLogs.MaskedLog log;
        private Isolation.AppBox box;
        private Map<String, String> env;

        Box(Call call, StageLogs.MaskedLog log) {
            this.call = call;
            this.log = log;
        }

        Isolation.AppBox get() throws StageException {
            if (box == null) {
                // Hooks run beside the release: in its group, so they share its limits.
                box = isolation.prepare(call.command().app(), call.config(), Isolation.RUN, false, log.mask());
                env = environment.env(call.command().app(), call.config(), box);
            }
            return box;
        }

        Map<String, String> env() throws StageException {
            get();
            return env;
        }
    }

    /** A directory of the worker's for one call at an app point, removed after it. */
    private static Path scratch() throws StageException {
        try {
            return Files.createTempDirectory("slipway-hook-");
        } catch (IOException e) {
            throw new StageException("cannot make a work directory for the hook: " + e.getMessage());
        }
    }

    private static void remove(Path dir) {
        try {
            Workspace.delete(dir);
        } catch (IOException e) {
            // A temporary directory left behind; the system's tmp cleaning takes it.
        }
    }
}
