package dev.slipway.orchestrator.workflow;

import dev.slipway.api.event.BuildFailed;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.BuildStarted;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.DeployFailed;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.DeployStarted;
import dev.slipway.api.event.Deployed;
import dev.slipway.api.event.HookCompleted;
import dev.slipway.api.event.HookFailed;
import dev.slipway.api.event.HookRequested;
import dev.slipway.api.event.ProxyConfigured;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.api.event.ProxyStarted;
import dev.slipway.api.event.SlipwayEvent;
import java.util.Arrays;

/**
 * A stage a worker does for a deployment. {@link #wire} is its name where it leaves the
 * orchestrator: in {@code StageTimedOut} and {@code CancelRequested}, in the stages' rows (except
 * hooks, whose rows are their points), in {@code slipway.stages.*-timeout}.
 */
public enum Stage {
    BUILD("build"), DEPLOY("deploy"), PROXY("proxy"), HOOK("hook");

    private final String wire;

    Stage(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The stage of that name, or {@code null} (a message from a newer or broken sender). */
    public static Stage named(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst().orElse(null);
    }

    /** The stage a command asks for or a worker's fact answers; {@code null} for the others. */
    public static Stage of(SlipwayEvent event) {
        if (event instanceof BuildRequested || event instanceof BuildStarted || event instanceof Built
                || event instanceof BuildFailed) {
            return BUILD;
        }
        if (event instanceof DeployRequested || event instanceof DeployStarted || event instanceof Deployed
                || event instanceof DeployFailed) {
            return DEPLOY;
        }
        if (event instanceof ProxyRequested || event instanceof ProxyStarted || event instanceof ProxyConfigured
                || event instanceof ProxyFailed) {
            return PROXY;
        }
        if (event instanceof HookRequested || event instanceof HookCompleted || event instanceof HookFailed) {
            return HOOK;
        }
        return null;
    }
}
