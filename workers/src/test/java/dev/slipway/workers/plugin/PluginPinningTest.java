package dev.slipway.workers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.Builder;
import dev.slipway.api.StageException;
import dev.slipway.api.event.PluginVersion;
import dev.slipway.messaging.WorkerAnnounced;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage of a deployment keeps the plugin versions the deployment pins, whatever is installed
 * meanwhile; a replaced jar's class loader is closed once no stage holds it and the grace period
 * is over, and loaded again from its kept copy when a pinned stage asks for it.
 */
class PluginPinningTest {

    private static final String BUILDER = "dev.slipway.api.Builder";

    @TempDir
    Path plugins;

    private final MovableClock clock = new MovableClock();
    private final List<String> log = new ArrayList<>();

    private PluginRegistry registry(Duration grace) {
        return registry(grace, Duration.ZERO);
    }

    private PluginRegistry registry(Duration grace, Duration pinWait) {
        return new PluginRegistry(new PluginSettings(name -> Optional.empty()), plugins, Duration.ofSeconds(5), () -> { },
                new PluginVersions(grace, clock), pinWait);
    }

    @Test
    void aPinnedStageUsesThePinnedVersionAfterThePluginIsReplacedAndAnUnpinnedOneTheNewOne() throws Exception {
        String first = install("1.0.0");
        PluginRegistry registry = registry(Duration.ofMinutes(10));
        String second = replace(registry, "2.0.0");

        try (StagePlugins pinned = registry.forStage(Map.of("hello-jar", first), log::add);
             StagePlugins unpinned = registry.forStage(Map.of(), log::add)) {
            assertEquals(new PluginVersion("hello-jar", "1.0.0", first), pinned.used(hello(pinned)));
            assertEquals(new PluginVersion("hello-jar", "2.0.0", second), unpinned.used(hello(unpinned)));
            Builder chosen = pinned.select("builder", pinned.builders(), "hello-jar", b -> true, "the source tree",
                    log::add).strategy();
            assertEquals("1.0.0", pinned.used(chosen).version());
        }
        assertTrue(log.get(0).startsWith("plugin hello-jar sha256 " + first.substring(0, 12)
                + " (the version this deployment was accepted with) is used, not 2.0.0 sha256 " + second.substring(0, 12)
                + " installed since"), log.toString());
        assertEquals("hello-jar is plugin hello-jar 1.0.0 (JAR, sha256 " + first.substring(0, 12) + ")", log.get(1));
    }

    @Test
    void aReplacedJarsClassLoaderIsClosedOnceNoRunningStageHoldsIt() throws Exception {
        install("1.0.0");
        PluginRegistry registry = registry(Duration.ZERO);
        StagePlugins running = registry.forStage(Map.of(), log::add);
        PluginClassLoader old = loaderOf(hello(running));

        replace(registry, "2.0.0");
        assertFalse(old.closed(), "a stage that started before the replacement still runs with it");

        running.close();
        assertTrue(old.closed(), "no stage uses it and no pinned one asked for it: closed");
        try (StagePlugins next = registry.forStage(Map.of(), log::add)) {
            assertFalse(loaderOf(hello(next)).closed(), "the current version stays loaded");
        }
    }

    @Test
    void aReplacedVersionStaysLoadedForTheGracePeriodThenIsClosedAndLoadedAgainFromItsKeptCopy() throws Exception {
        String first = install("1.0.0");
        PluginRegistry registry = registry(Duration.ofMinutes(10));
        PluginClassLoader old;
        try (StagePlugins build = registry.forStage(Map.of("hello-jar", first), log::add)) {
            old = loaderOf(hello(build));
        }
        replace(registry, "2.0.0");
        Files.delete(plugins.resolve("hello-jar.jar"));
        registry.scan();

        clock.move(Duration.ofMinutes(9));
        registry.scan();
        try (StagePlugins deploy = registry.forStage(Map.of("hello-jar", first), log::add)) {
            assertTrue(loaderOf(hello(deploy)) == old, "asked for within the grace period: the same loader");
        }
        clock.move(Duration.ofMinutes(9));
        registry.scan();
        assertFalse(old.closed(), "the grace period counts from the last stage that asked for it");
        clock.move(Duration.ofMinutes(2));
        registry.scan();
        assertTrue(old.closed(), "past the grace period with no stage holding it");

        try (StagePlugins proxy = registry.forStage(Map.of("hello-jar", first), log::add)) {
            Builder again = hello(proxy);
            assertNotSame(old, loaderOf(again));
            assertEquals(new PluginVersion("hello-jar", "1.0.0", first), proxy.used(again),
                    "loaded again from the copy kept by its checksum, though it is no longer installed");
        }
    }

    @Test
    void aPinnedVersionThisWorkerNeverHadFailsTheStageThatPicksItAndSaysSo() throws Exception {
        String current = install("2.0.0");
        PluginRegistry registry = registry(Duration.ZERO);
        String unknown = "0123456789ab".repeat(5) + "cdef";

        try (StagePlugins stage = registry.forStage(Map.of("hello-jar", unknown), log::add)) {
            StageException refused = assertThrows(StageException.class, () -> stage.select("builder", stage.builders(),
                    "hello-jar", b -> true, "the source tree", log::add));
            assertEquals("plugin hello-jar sha256 0123456789ab (the version this deployment was accepted with) is not on"
                    + " this worker; it has 2.0.0, sha256 " + current.substring(0, 12) + ": the stage cannot use it;"
                    + " deploy again to use what is installed now", refused.getMessage());
            assertEquals(refused.getMessage(), log.get(0), "the stage log says it before anything is chosen");
            assertEquals("native", stage.select("builder", stage.builders(), "native", b -> true, "the source tree",
                    log::add).strategy().name(), "a stage that does not pick the plugin goes on");
        }
    }

    @Test
    void aStageWaitsForAPinnedVersionThatIsStillOnItsWayToThisWorker() throws Exception {
        install("1.0.0");
        Path next = Files.createDirectories(plugins.resolve(".next"));
        Path jar = PluginJars.jar(next.resolve("hello-jar.jar"), Map.of("Hello", PluginJars.builder("Hello", "hello-jar",
                "")), Map.of(BUILDER, "fixture.Hello"), Map.of("Slipway-Plugin-Api", "1.0", "Slipway-Plugin-Name",
                "hello-jar", "Implementation-Version", "2.0.0"));
        String second = JarPlugins.checksum(List.of(jar));
        // The deadline only bounds the wait: the stage goes on as soon as the version is there.
        PluginRegistry registry = registry(Duration.ZERO, Duration.ofMinutes(2));
        Thread delivery = new Thread(() -> {
            try {
                Thread.sleep(300);
                Files.move(jar, plugins.resolve("hello-jar.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        delivery.start();

        try (StagePlugins stage = registry.forStage(Map.of("hello-jar", second), log::add)) {
            assertEquals(new PluginVersion("hello-jar", "2.0.0", second), stage.used(hello(stage)));
            assertTrue(log.isEmpty(), () -> "nothing was missing in the end: " + log);
        }
        delivery.join();
    }

    @Test
    void anExecutablePluginIsPinnedToo() throws Exception {
        String first = program("1.2.3");
        PluginRegistry registry = registry(Duration.ZERO);
        String second = program("1.2.4");
        registry.scan();

        try (StagePlugins pinned = registry.forStage(Map.of("good", first), log::add);
             StagePlugins unpinned = registry.forStage(Map.of(), log::add)) {
            assertEquals(new PluginVersion("good", "1.2.3", first), pinned.used(good(pinned)),
                    "its program kept by checksum, asked for its info again");
            assertEquals(new PluginVersion("good", "1.2.4", second), unpinned.used(good(unpinned)));
        }
    }

    @Test
    void aPinThatIsNotAChecksumIsNeverLookedUpOnDisk() throws Exception {
        install("1.0.0");
        PluginRegistry registry = registry(Duration.ZERO);
        try (StagePlugins stage = registry.forStage(Map.of("hello-jar", "../../etc"), log::add)) {
            assertThrows(StageException.class, () -> stage.check(hello(stage)));
        }
    }

    private String install(String version) throws IOException {
        Path jar = plugins.resolve("hello-jar.jar");
        PluginJars.jar(jar, Map.of("Hello", PluginJars.builder("Hello", "hello-jar", "")), Map.of(BUILDER, "fixture.Hello"),
                Map.of("Slipway-Plugin-Api", "1.0", "Slipway-Plugin-Name", "hello-jar", "Implementation-Version", version));
        // Its size may be the same as the version before: a time of its own makes the scan see the change.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version.hashCode())));
        return JarPlugins.checksum(List.of(jar));
    }

    /** The fixture program "good" in {@code version}; its checksum. */
    private String program(String version) throws IOException {
        Path program = plugins.resolve(PluginProtocol.PREFIX + "good");
        try (var in = getClass().getResourceAsStream("/executable-plugins/good")) {
            Files.writeString(program, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"version\": \"1.2.3\"", "\"version\": \"" + version + "\""));
        }
        Files.setPosixFilePermissions(program, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(program, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version.hashCode())));
        return dev.slipway.archive.PluginPackage.sha256(Files.readAllBytes(program));
    }

    private static Builder good(StagePlugins stage) {
        return stage.builders().stream().filter(b -> b.name().equals("good")).findFirst().orElseThrow();
    }

    private String replace(PluginRegistry registry, String version) throws IOException {
        String checksum = install(version);
        registry.scan();
        WorkerAnnounced.Plugin now = registry.descriptions().stream().filter(p -> p.name().equals("hello-jar"))
                .findFirst().orElseThrow();
        assertEquals(checksum, now.checksum());
        return checksum;
    }

    private static Builder hello(StagePlugins stage) {
        return stage.builders().stream().filter(b -> b.name().equals("hello-jar")).findFirst().orElseThrow();
    }

    private static PluginClassLoader loaderOf(Builder builder) {
        return (PluginClassLoader) builder.getClass().getClassLoader();
    }

    /** A clock the test moves on. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T12:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
