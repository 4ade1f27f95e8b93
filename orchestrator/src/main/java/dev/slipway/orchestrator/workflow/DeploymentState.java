package dev.slipway.orchestrator.workflow;

/** Where a deployment is in the pipeline. */
public enum DeploymentState {
    REQUESTED, BUILDING, DEPLOYING, PROXYING, FINISHING, SUCCEEDED, FAILED, ROLLING_BACK, ROLLED_BACK, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == ROLLED_BACK || this == CANCELLED;
    }
}
