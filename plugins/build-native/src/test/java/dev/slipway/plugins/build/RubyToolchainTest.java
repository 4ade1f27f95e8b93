package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Commands;
import dev.slipway.api.StageException;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real Bundler; the one gem is built by the test and packed in vendor/cache, no gem server is asked. */
class RubyToolchainTest {

    @TempDir
    Path tree;
    @TempDir
    Path home;

    @Test
    void aGemfileWithoutGemsInstallsNothingAndTheAppRunsThroughBundler() throws Exception {
        write("Gemfile", "source \"https://rubygems.org\"\n");
        write("app.rb", "puts 'hi'\n");

        BuildArtifact artifact = new NativeBuilder().build(context());

        assertEquals("ruby", artifact.toolchain());
        assertEquals(Map.of("web", "bundle exec ruby app.rb"), artifact.processes());
        assertEquals(tree.resolve("vendor/bundle").toAbsolutePath().toString(), artifact.env().get("BUNDLE_PATH"));
        assertTrue(Files.isRegularFile(tree.resolve("Gemfile.lock")), "bundler locked the (empty) set");
    }

    @Test
    void aVendoredGemIsInstalledIntoTheTreeAndFoundAtRunTime() throws Exception {
        Path gem = Files.createDirectories(home.resolve("gem-src"));
        Files.createDirectories(gem.resolve("lib"));
        Files.writeString(gem.resolve("lib/greet.rb"), "module Greet\n  def self.word = 'hello from a gem'\nend\n");
        Files.writeString(gem.resolve("greet.gemspec"), "Gem::Specification.new do |s|\n  s.name = 'greet'\n"
                + "  s.version = '1.0.0'\n  s.summary = 'test'\n  s.authors = ['t']\n  s.files = ['lib/greet.rb']\nend\n");
        Commands.run(List.of("gem", "build", "greet.gemspec"), gem, Map.of("PATH", System.getenv("PATH"),
                "HOME", home.toString()), line -> { }, Duration.ofSeconds(60));
        Files.createDirectories(tree.resolve(RubyToolchain.CACHE));
        Files.copy(gem.resolve("greet-1.0.0.gem"), tree.resolve(RubyToolchain.CACHE).resolve("greet-1.0.0.gem"));
        write("Gemfile", "source \"https://rubygems.org\"\ngem \"greet\"\n");
        FakeStageContext context = context();

        BuildArtifact artifact = new NativeBuilder().build(context);

        assertTrue(context.lines().contains("gems: installed from vendor/cache, no gem server asked"),
                context.lines()::toString);
        assertTrue(Files.isDirectory(tree.resolve("vendor/bundle")), "the gems are inside the artifact");
        List<String> printed = new ArrayList<>();
        Commands.run(List.of("bundle", "exec", "ruby", "-e", "require 'greet'; puts Greet.word"), tree,
                artifact.runtimeEnv(Map.of("PATH", System.getenv("PATH"), "HOME", home.toString())), printed::add,
                Duration.ofSeconds(60));
        assertEquals(List.of("hello from a gem"), printed);
    }

    @Test
    void aLockThatDisagreesWithTheGemfileFailsTheBuild() throws Exception {
        write("Gemfile", "source \"https://rubygems.org\"\ngem \"nosuchgem-for-slipway\"\n");
        write("Gemfile.lock", "GEM\n  remote: https://rubygems.org/\n  specs:\n\nPLATFORMS\n  x86_64-linux\n\n"
                + "DEPENDENCIES\n\nBUNDLED WITH\n   2.3.15\n");
        write(RubyToolchain.CACHE + "/.keep", "");
        FakeStageContext context = context();

        assertThrows(StageException.class, () -> new NativeBuilder().build(context));
        assertTrue(context.lines().stream().anyMatch(l -> l.contains("deployment mode")), context.lines()::toString);
    }

    private FakeStageContext context() throws Exception {
        return TestBuildContext.of(tree).env("HOME", home.toString());
    }

    private void write(String name, String text) throws Exception {
        Files.createDirectories(tree.resolve(name).getParent());
        Files.writeString(tree.resolve(name), text);
    }
}
