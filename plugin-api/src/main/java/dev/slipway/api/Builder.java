package dev.slipway.api;

/** Level 1 of building: <em>how</em> a source tree becomes an artifact (on the host, in Docker, …). */
public interface Builder extends Strategy {

    /** Cheap and free of side effects: whether this builder can build the tree. */
    boolean accept(SourceTree source);

    /** Builds the tree in {@link BuildContext#workDir()}; the artifact may live there. */
    BuildArtifact build(BuildContext context) throws StageException;
}
