package dev.slipway.api;

import java.util.List;

/** What a {@link Builder} gets: the source, unpacked in {@link #workDir()}, and the toolchains known. */
public interface BuildContext extends StageContext {

    SourceTree source();

    /** Every registered toolchain, in priority order, for builders that build by language. */
    List<LanguageToolchain> toolchains();

    /**
     * Fails, saying how to install them on this host ({@link OsSupport}), when any of {@code programs}
     * is not on the build's PATH; {@code who} names what needs them. Where the host allows it, installs them.
     */
    default void requirePrograms(String who, List<String> programs) throws StageException {
    }
}
