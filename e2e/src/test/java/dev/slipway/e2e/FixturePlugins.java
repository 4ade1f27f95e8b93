package dev.slipway.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Jar plugins made from the sources under {@code src/test/resources/plugins/<name>/}, compiled
 * against the plugin-api jar this build made, as a plugin author's build would: classes, their
 * {@code META-INF/services} files, and the manifest naming the plugin and its API.
 */
final class FixturePlugins {

    private static final Path SOURCES = SlipwayStack.REPO.resolve("e2e/src/test/resources/plugins");

    private FixturePlugins() {
    }

    static Path jar(String name, Path into) throws IOException {
        return jar(name, into, null);
    }

    /** The same, its manifest's {@code Implementation-Version} {@code version} (none when null). */
    static Path jar(String name, Path into, String version) throws IOException {
        Path source = SOURCES.resolve(name);
        Path classes = Files.createDirectories(into.resolve(name + "-classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-cp", pluginApi().toString(),
                "--release", "17", "-nowarn"));
        try (Stream<Path> files = Files.walk(source)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
        }
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the fixture plugin " + name + " does not compile");
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Slipway-Plugin-Api", "1.0");
        manifest.getMainAttributes().putValue("Slipway-Plugin-Name", name);
        if (version != null) {
            manifest.getMainAttributes().putValue("Implementation-Version", version);
        }
        Path jar = into.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> compiled = Files.walk(classes);
             Stream<Path> services = Files.walk(source.resolve("META-INF"))) {
            for (Path file : compiled.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                Files.copy(file, out);
            }
            for (Path file : services.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(source.relativize(file).toString()));
                Files.copy(file, out);
            }
        }
        return jar;
    }

    private static Path pluginApi() throws IOException {
        try (Stream<Path> jars = Files.list(SlipwayStack.REPO.resolve("plugin-api/target"))) {
            return jars.filter(j -> j.getFileName().toString().matches("plugin-api-[^-]+(-SNAPSHOT)?\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("plugin-api/target holds no plugin-api jar: build it first"));
        }
    }
}
