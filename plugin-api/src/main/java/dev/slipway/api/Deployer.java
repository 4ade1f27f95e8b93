package dev.slipway.api;

/** Runs a built artifact as a release, and stops it again. */
public interface Deployer extends Strategy {

    /** Cheap and free of side effects: whether this deployer can run the artifact. */
    boolean accept(BuildArtifact artifact);

    /**
     * Starts the release and returns once it is healthy. On failure nothing of the new release may
     * be left running.
     */
    DeploymentInfo deploy(DeployContext context) throws StageException;

    /**
     * Takes a release this deployer started back under its care: the worker that supervised it
     * stopped (or was restarted), and this one found the release still meant to run. A deployer
     * that keeps processes running watches those it finds alive again and starts the others; one
     * that keeps nothing running does nothing. Never starts a second copy of a process that runs.
     */
    default void adopt(DeploymentInfo release, DeployContext context) throws StageException {
    }

    /** Stops a release this deployer started; stopping one that is already gone is not an error. */
    void stop(DeploymentInfo release, StageContext context) throws StageException;
}
