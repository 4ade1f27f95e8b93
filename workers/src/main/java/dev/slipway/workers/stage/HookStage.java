package dev.slipway.workers.stage;

import dev.slipway.api.StageException;
import dev.slipway.api.event.HookCompleted;
import dev.slipway.api.event.HookFailed;
import dev.slipway.api.event.HookRequested;
import dev.slipway.api.event.PluginVersion;
import dev.slipway.workers.plugin.StagePlugins;
import java.util.List;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The hook role: runs a hook point's subscribers ({@code post_build}, {@code post_deploy},
 * {@code app_created}, …) and says how it went. Any failing subscriber makes a {@link HookFailed}
 * naming it; whether that fails the deployment is the orchestrator's call ({@code HookPoints.vetoes}).
 */
@ApplicationScoped
public class HookStage {

    private final StageSupport stages;
    private final HookRunner hooks;

    public HookStage(StageSupport stages, HookRunner hooks) {
        this.stages = stages;
        this.hooks = hooks;
    }

    @Incoming("hook")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return stages.inbox().handle(message, command -> {
            if (command instanceof HookRequested hook) {
                run(hook);
            }
        });
    }

    void run(HookRequested command) {
        StageLogs.MaskedLog log = stages.log(command, command.hook());
        try (StagePlugins plugins = stages.plugins(command, log)) {
            List<PluginVersion> used = List.of();
            try {
                HookSubscribers.Outcome outcome = hooks.run(new HookRunner.Call(command.hook(), command, command.release(),
                        command.artifact(), command.config(), command.changedKeys()), plugins, log);
                used = plugins.hooks().stream().filter(h -> outcome.ran().contains(h.name())).map(plugins::used).toList();
                if (outcome.failed()) {
                    fail(command, log, outcome.reason(), outcome.retryable(), used);
                } else {
                    stages.report(new HookCompleted(command.deploymentId(), command.app(), command.attempt(),
                            command.hook(), used));
                }
            } catch (StageException e) {
                fail(command, log, e.getMessage(), e.retryable(), used);
            } catch (RuntimeException e) {
                fail(command, log, "the hook failed unexpectedly: " + e, false, used);
            }
        }
    }

    private void fail(HookRequested command, StageLogs.MaskedLog log, String reason, boolean retryable,
                      List<PluginVersion> used) {
        stages.fail(log, command.hook(), reason, retryable, masked -> new HookFailed(command.deploymentId(),
                command.app(), command.attempt(), command.hook(), masked, retryable, used));
    }
}
