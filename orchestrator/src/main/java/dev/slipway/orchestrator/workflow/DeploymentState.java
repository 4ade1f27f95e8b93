package dev.slipway.orchestrator.workflow;

import dev.slipway.api.HookPoints;

/** Where a deployment is in the pipeline; QUEUED waits for the app's earlier deployments to end. */
public enum DeploymentState {
    QUEUED, REQUESTED, BUILDING, POST_BUILD, PRE_DEPLOY, DEPLOYING, PROXYING, FINISHING, SUCCEEDED, FAILED, ROLLING_BACK,
    ROLLED_BACK, CANCELLED;

    /** The stage a worker is doing in this state, or {@code null} when no stage runs. */
    public Stage stage() {
        return switch (this) {
            case BUILDING -> Stage.BUILD;
            case DEPLOYING -> Stage.DEPLOY;
            case PROXYING, ROLLING_BACK -> Stage.PROXY;
            case POST_BUILD, PRE_DEPLOY, FINISHING -> Stage.HOOK;
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

    /** The row of the deployment's stages this state's work is shown in: its stage, or for hooks the point. */
    public String row() {
        return point() != null ? point() : stage() == null ? null : stage().wire();
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == ROLLED_BACK || this == CANCELLED;
    }
}
