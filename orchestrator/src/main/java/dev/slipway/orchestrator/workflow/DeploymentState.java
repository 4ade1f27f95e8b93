package dev.slipway.orchestrator.workflow;

/** Where a deployment is in the pipeline. */
public enum DeploymentState {
    REQUESTED, BUILDING, DEPLOYING, PROXYING, FINISHING, SUCCEEDED, FAILED, ROLLING_BACK, ROLLED_BACK, CANCELLED;

    /** The stage a worker is doing in this state, or {@code null} when no stage runs. */
    public String stage() {
        return switch (this) {
            case BUILDING -> "build";
            case DEPLOYING -> "deploy";
            case PROXYING, ROLLING_BACK -> "proxy";
            case FINISHING -> "hook";
            default -> null;
        };
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == ROLLED_BACK || this == CANCELLED;
    }
}
