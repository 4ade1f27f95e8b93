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

    /** Stops a release this deployer started; stopping one that is already gone is not an error. */
    void stop(DeploymentInfo release, StageContext context) throws StageException;
}
