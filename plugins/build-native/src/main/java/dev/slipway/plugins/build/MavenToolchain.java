package dev.slipway.plugins.build;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Java built with Maven (the project's own wrapper when it has one), run as {@code java -jar}. */
public final class MavenToolchain implements LanguageToolchain {

    @Override
    public String name() {
        return "java-maven";
    }

    @Override
    public List<String> programs() {
        return List.of("java");
    }

    @Override
    public int priority() {
        return 40;
    }

    @Override
    public boolean accept(SourceTree source) {
        return source.has("pom.xml");
    }

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        Path root = context.source().root();
        Path wrapper = root.resolve("mvnw");
        // The wrapper pins the Maven version the project was written for.
        String maven = Files.isRegularFile(wrapper) && Files.isExecutable(wrapper)
                ? wrapper.toAbsolutePath().toString() : "mvn";
        RegistryErrors.run(context, List.of(maven, "-q", "-B", "package", "-DskipTests"), root,
                Toolchains.timeout(context), RegistryErrors.MAVEN);
        if (context.source().config().processes().containsKey("web")) {
            return Toolchains.process(context, name(), Map.of(), Map.of(), List.of());
        }
        String jar = RunnableJar.find(root);
        context.log().line("runnable jar: " + jar);
        return Toolchains.process(context, name(), Map.of("web", "java -jar " + shellWord(jar)), Map.of(), List.of());
    }

    /** The web command is run by {@code /bin/sh}: quote a jar name that has characters the shell would read. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9._/+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
