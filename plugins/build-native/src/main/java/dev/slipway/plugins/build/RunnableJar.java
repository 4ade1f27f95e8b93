package dev.slipway.plugins.build;

import dev.slipway.api.StageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the jar a Maven build made to be run with {@code java -jar}. */
final class RunnableJar {

    static final String QUARKUS = "target/quarkus-app/quarkus-run.jar";

    private RunnableJar() {
    }

    /** The runnable jar's path relative to {@code root}, e.g. {@code target/app-1.0.jar}. */
    static String find(Path root) throws StageException {
        if (Files.isRegularFile(root.resolve(QUARKUS))) {
            return QUARKUS;
        }
        Path target = root.resolve("target");
        List<Path> runnable;
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(RunnableJar::isCandidate).sorted().collect(Collectors.toList());
            runnable = jars.stream().filter(RunnableJar::hasMainClass).collect(Collectors.toList());
        } catch (IOException e) {
            throw new StageException("the Maven build left no target directory (" + e.getMessage() + "): check"
                    + " that pom.xml builds a jar, or set [run] web = \"…\" in slipway.toml");
        }
        if (runnable.size() == 1) {
            return "target/" + runnable.get(0).getFileName();
        }
        if (runnable.isEmpty()) {
            throw new StageException("the Maven build made no runnable jar in target/ (none has a Main-Class in"
                    + " its manifest): configure maven-jar-plugin with <archive><manifest><mainClass>…</mainClass>"
                    + "</manifest></archive>, or set [run] web = \"…\" in slipway.toml");
        }
        throw new StageException("the Maven build made several runnable jars in target/ ("
                + runnable.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                + "): set [run] web = \"java -jar target/<the one>.jar\" in slipway.toml");
    }

    private static boolean isCandidate(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jar") && Files.isRegularFile(file) && !name.startsWith("original-")
                && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar");
    }

    private static boolean hasMainClass(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Main-Class") != null;
        } catch (IOException e) {
            return false; // not a jar we can run, whatever its name says
        }
    }
}
