package dev.slipway.api;

import java.util.List;

/** Level 2 of building: <em>what</em> the app is written in, and how to install and package it. */
public interface LanguageToolchain extends Strategy {

    /**
     * The host's programs this toolchain runs ({@code go}, {@code ruby}, {@code bundle}, …): before it
     * builds, the host checks they are on the PATH, and when one is not, says how this system installs it.
     */
    default List<String> programs() {
        return List.of();
    }

    /** Cheap and free of side effects: whether the tree looks like this language's project. */
    boolean accept(SourceTree source);

    /** Installs dependencies and builds in {@link BuildContext#workDir()}; returns what to run. */
    BuildArtifact build(BuildContext context) throws StageException;
}
