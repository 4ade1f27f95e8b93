package dev.slipway.orchestrator.workflow;

import dev.slipway.api.HookPoints;

/** Where a deployment is in the pipeline. */
public enum DeploymentState {
    REQUESTED, BUILDING, POST_BUILD, PRE_DEPLOY, DEPLOYING, PROXYING, FINISHING, SUCCEEDED, FAILED, ROLLING_BACK,
    ROLLED_BACK, CANCELLED;

    /** The stage a worker is doing in this state, or {@code null} when no stage runs. */
    public String stage() {
        return switch (this) {
            case BUILDING -> "build";
            case DEPLOYING -> "deploy";
            case PROXYING, ROLLING_BACK -> "proxy";
            case POST_BUILD, PRE_DEPLOY, FINISHING -> "hook";
            default -> null;
        };
    }

    /** The hook point whose subscribers run in this state, or {@code null}. */
    public String point() {
        return switch (this) {
            case POST_BUILD -> HookPoints.POST_BUILD;
            case PRE_DEPLOY -> HookPoints.PRE_DEPLOY;
            case FINISHING -> HookPoints.POST_DEPLOY;
            default -> null;
        };
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == ROLLED_BACK || this == CANCELLED;
    }
}
