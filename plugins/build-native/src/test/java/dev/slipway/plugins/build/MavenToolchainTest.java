package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.api.BuildArtifact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real mvn on a one-class project and then the web command it produced. */
class MavenToolchainTest {

    // Plugin versions pinned so the build needs nothing beyond what the Slipway build itself uses.
    private static final String POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>demo</groupId>
              <artifactId>hello</artifactId>
              <version>1.0</version>
              <properties>
                <maven.compiler.release>17</maven.compiler.release>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
              </properties>
              <build>
                <plugins>
                  <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                  <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                  <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                  <plugin>
                    <artifactId>maven-jar-plugin</artifactId>
                    <version>3.4.1</version>
                    <configuration>
                      <archive><manifest><mainClass>demo.Hello</mainClass></manifest></archive>
                    </configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    @TempDir
    Path tree;

    @Test
    void buildsARunnableJarAndRunsItAsTheWebProcess() throws Exception {
        Files.writeString(tree.resolve("pom.xml"), POM);
        Path source = Files.createDirectories(tree.resolve("src/main/java/demo"));
        Files.writeString(source.resolve("Hello.java"),
                "package demo; public class Hello { public static void main(String[] a) { System.out.println(\"hello from the jar\"); } }");

        BuildArtifact artifact = new NativeBuilder().build(TestBuildContext.of(tree));

        assertEquals("java-maven", artifact.toolchain());
        assertEquals("java -jar target/hello-1.0.jar", artifact.processes().get("web"));
        Process web = new ProcessBuilder("/bin/sh", "-c", artifact.processes().get("web"))
                .directory(artifact.root().toFile()).redirectErrorStream(true).start();
        String output = new String(web.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        web.waitFor(30, TimeUnit.SECONDS);
        assertEquals("hello from the jar", output);
    }
}
