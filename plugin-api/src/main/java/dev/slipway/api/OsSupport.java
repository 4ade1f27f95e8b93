package dev.slipway.api;

import java.util.List;

/**
 * Knows one family of operating systems: recognises it from {@code /etc/os-release} and turns the
 * programs strategies need ({@link LanguageToolchain#programs()}: {@code go}, {@code node}, {@code bundle},
 * …) into that system's install plan. The host asks it when a program a stage needs is missing.
 */
public interface OsSupport extends Strategy {

    boolean recognises(OsRelease os);

    /** How this system installs {@code programs}; the ones it has no package for are listed as unknown. */
    InstallPlan plan(OsRelease os, List<String> programs);
}
