package dev.slipway.plugins.build;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;

/**
 * A site of plain files: nothing to install or run. Lowest priority, because a lot of projects
 * in other languages also carry an {@code index.html}.
 */
public final class StaticToolchain implements LanguageToolchain {

    @Override
    public String name() {
        return "static";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean accept(SourceTree source) {
        return source.has("index.html") || source.config().build().staticDir() != null;
    }

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        BuildArtifact site = Toolchains.staticSite(context, name());
        context.log().line("static site: " + site.root());
        return site;
    }
}
