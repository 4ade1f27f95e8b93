package dev.slipway.api;

/** Level 2 of building: <em>what</em> the app is written in, and how to install and package it. */
public interface LanguageToolchain extends Strategy {

    /** Cheap and free of side effects: whether the tree looks like this language's project. */
    boolean accept(SourceTree source);

    /** Installs dependencies and builds in {@link BuildContext#workDir()}; returns what to run. */
    BuildArtifact build(BuildContext context) throws StageException;
}
