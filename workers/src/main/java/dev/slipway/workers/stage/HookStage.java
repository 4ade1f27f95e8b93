package dev.slipway.workers.stage;

import dev.slipway.api.StageException;
import dev.slipway.api.event.HookCompleted;
import dev.slipway.api.event.HookFailed;
import dev.slipway.api.event.HookRequested;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The hook role: runs a release's lifecycle hook ({@code post_deploy}, …) beside it. */
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
        try {
            hooks.run(command.hook(), command, command.release(), command.artifact(), command.config(), log);
            stages.report(new HookCompleted(command.deploymentId(), command.app(), command.attempt(), command.hook()));
        } catch (StageException e) {
            fail(command, log, e.getMessage());
        } catch (RuntimeException e) {
            fail(command, log, "the hook failed unexpectedly: " + e);
        }
    }

    private void fail(HookRequested command, StageLogs.MaskedLog log, String reason) {
        stages.fail(log, command.hook(), reason, masked -> new HookFailed(command.deploymentId(), command.app(),
                command.attempt(), command.hook(), masked));
    }
}
