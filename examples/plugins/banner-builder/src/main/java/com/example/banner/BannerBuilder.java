package com.example.banner;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.Builder;
import dev.slipway.api.Setting;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Builds a tree holding a {@code banner.txt} into a static page that shows it under a configurable title. */
public class BannerBuilder implements Builder {

    /** Read by the builder and by the REST extension ({@link BannerApi}) alike. */
    static final Setting TITLE = new Setting("title", Setting.Type.STRING, "Banner", "the page's heading");

    @Override
    public String name() {
        return "banner";
    }

    @Override
    public List<Setting> settings() {
        return List.of(TITLE);
    }

    @Override
    public boolean accept(SourceTree source) {
        return Files.isRegularFile(source.root().resolve("banner.txt"));
    }

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        try {
            String banner = Files.readString(context.workDir().resolve("banner.txt")).strip();
            Path site = Files.createDirectories(context.workDir().resolve("site"));
            Files.writeString(site.resolve("index.html"), page(context.config().get("title"), banner));
            context.log().line("banner: wrote site/index.html");
            return new BuildArtifact(BuildArtifact.STATIC, site, Map.of(), Map.of(), List.of(), name(), "banner");
        } catch (IOException e) {
            throw new StageException("banner: cannot write the page: " + e.getMessage());
        }
    }

    /** The page for {@code banner} under {@code title}. */
    static String page(String title, String banner) {
        return "<h1>" + escape(title) + "</h1>\n<pre>" + escape(banner) + "</pre>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
