package dev.slipway.api;

import java.util.List;

/** What a {@link Builder} gets: the source, unpacked in {@link #workDir()}, and the toolchains known. */
public interface BuildContext extends StageContext {

    SourceTree source();

    /** Every registered toolchain, in priority order, for builders that build by language. */
    List<LanguageToolchain> toolchains();
}
