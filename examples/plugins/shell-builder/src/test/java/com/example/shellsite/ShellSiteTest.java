package com.example.shellsite;

import dev.slipway.workers.testkit.ExecutableBuilderContract;
import java.nio.file.Files;
import java.nio.file.Path;

/** The script passes the builder suite and the executable protocol's, run by the worker's own loader. */
class ShellSiteTest extends ExecutableBuilderContract {
    public Path program() { return Path.of("slipway-plugin-shell-site"); }

    protected void writeSource(Path root) throws Exception {
        Files.writeString(root.resolve("page.txt"), "ahoy <there>");
    }

    protected boolean writeBrokenSource(Path root) throws Exception {
        Files.writeString(root.resolve("page.txt"), "");
        return true;
    }
}
