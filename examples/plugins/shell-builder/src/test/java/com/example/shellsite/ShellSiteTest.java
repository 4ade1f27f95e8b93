package com.example.shellsite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.workers.testkit.ExecutableBuilderContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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

    @Test
    void theTitleSettingHeadsTheEscapedPage() throws Exception {
        writeSource(tree);
        Path site = strategy().build(context(tree).config("title", "Log <book>")).root();
        assertEquals("<h1>Log &lt;book&gt;</h1>\n<pre>ahoy &lt;there&gt;</pre>\n", Files.readString(site.resolve("index.html")));
    }
}
