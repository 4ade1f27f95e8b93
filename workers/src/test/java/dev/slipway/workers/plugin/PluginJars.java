package dev.slipway.workers.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Plugin jars for tests, compiled from source as a plugin author's build would make them. */
final class PluginJars {

    private PluginJars() {
    }

    /**
     * @param sources    class name (in package {@code fixture}) to its source
     * @param services   service interface to implementation class names, for META-INF/services
     * @param attributes main manifest attributes
     * @param libraries  jars it is compiled against, and not packed with
     */
    static Path jar(Path jar, Map<String, String> sources, Map<String, String> services, Map<String, String> attributes,
                    Path... libraries) throws IOException {
        StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
        for (Path library : libraries) {
            classPath.append(java.io.File.pathSeparator).append(library);
        }
        Path work = Files.createTempDirectory(jar.getParent(), ".src");
        List<String> arguments = new ArrayList<>(List.of("-d", work.resolve("classes").toString(),
                "-cp", classPath.toString(), "-nowarn"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve("src/fixture/" + source.getKey() + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package fixture;\n" + source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the fixture plugin does not compile");
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((key, value) -> manifest.getMainAttributes().putValue(key, value));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> classes = Files.walk(work.resolve("classes"))) {
            for (Path file : classes.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(work.resolve("classes").relativize(file).toString()));
                Files.copy(file, out);
            }
            for (Map.Entry<String, String> service : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
                write(out, service.getValue());
            }
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A builder named {@code name} that accepts trees holding {@code hello.txt}; {@code constructor} runs when it is made. */
    static String builder(String className, String name, String constructor) {
        return "public class " + className + " implements dev.slipway.api.Builder {\n"
                + "  public " + className + "() { " + constructor + " }\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public java.util.List<dev.slipway.api.Setting> settings() {\n"
                + "    return java.util.List.of(new dev.slipway.api.Setting(\"greeting\", dev.slipway.api.Setting.Type.STRING,"
                + " \"hello\", \"what it says\")); }\n"
                + "  public boolean accept(dev.slipway.api.SourceTree tree) {"
                + " return java.nio.file.Files.exists(tree.root().resolve(\"hello.txt\")); }\n"
                + "  public dev.slipway.api.BuildArtifact build(dev.slipway.api.BuildContext c) { return null; }\n"
                + "}\n";
    }
}
