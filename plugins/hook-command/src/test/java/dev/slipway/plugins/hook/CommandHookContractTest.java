package dev.slipway.plugins.hook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.HookPoints;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.testkit.FakeStageContext;
import dev.slipway.api.testkit.HookContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command hook (an app's own [hooks] commands) against the hook contract. */
class CommandHookContractTest extends HookContract {

    @Override
    protected LifecycleHook strategy() {
        return new CommandHook();
    }

    @Override
    protected String point() {
        return HookPoints.POST_DEPLOY;
    }

    @Override
    protected AppConfig configWithWork() {
        return withHook("echo deployed");
    }

    @Override
    protected AppConfig configThatFails() {
        return withHook("exit 4");
    }

    private static AppConfig withHook(String command) {
        AppConfig empty = AppConfig.empty();
        return new AppConfig(empty.build(), empty.deploy(), empty.processes(), empty.env(), empty.healthcheck(),
                Map.of(HookPoints.POST_DEPLOY, command), empty.proxy(), empty.addons());
    }

    @Test
    void theCommandAndItsOutputAreInTheStageLog() throws Exception {
        FakeStageContext context = context(configWithWork());
        strategy().run(point(), context);
        assertTrue(context.lines().contains("post_deploy: echo deployed"), context.lines()::toString);
        assertTrue(context.lines().contains("deployed"), context.lines()::toString);
    }
}
