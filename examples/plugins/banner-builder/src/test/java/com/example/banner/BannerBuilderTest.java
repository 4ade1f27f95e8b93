package com.example.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.api.Builder;
import dev.slipway.api.testkit.BuilderContract;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The builder contract's tests, and one of its own: the title setting is the page's heading. */
class BannerBuilderTest extends BuilderContract {

    @Override
    protected Builder strategy() {
        return new BannerBuilder();
    }

    @Override
    protected void writeSource(Path root) throws Exception {
        Files.writeString(root.resolve("banner.txt"), "Hello <world>");
    }

    @Test
    void theTitleSettingIsThePagesHeading() throws Exception {
        writeSource(tree);
        Path site = strategy().build(FakeStageContext.in(tree).config("title", "Launch")).root();
        assertEquals("<h1>Launch</h1>\n<pre>Hello &lt;world&gt;</pre>\n", Files.readString(site.resolve("index.html")));
    }
}
