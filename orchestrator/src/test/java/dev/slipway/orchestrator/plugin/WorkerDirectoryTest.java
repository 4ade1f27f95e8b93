package dev.slipway.orchestrator.plugin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.api.config.AppConfig;
import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.WorkerAnnounced;
import dev.slipway.orchestrator.Refused;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    private final WorkerDirectory directory = new WorkerDirectory(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aStrategyNoLiveWorkerHasIsRefusedNamingTheKnownOnes() {
        announce("w1", NOW.minusSeconds(10), "deployer", "process", "deployer", "static");
        announce("w2", NOW.minusSeconds(600), "deployer", "docker");

        Refused e = assertThrows(Refused.class, () -> directory.check(deploy("docker"), "slipway.toml"));

        assertEquals("slipway.toml: [deploy] strategy \"docker\" is unknown; known: process, static", e.getMessage());
        assertDoesNotThrow(() -> directory.check(deploy("static"), "slipway.toml"));
        assertEquals(List.of("w1"), directory.live().stream().map(WorkerAnnounced::worker).toList(), "w2 went quiet");
    }

    @Test
    void withNoWorkerHeardFromNothingCanBeToldAndNothingIsRefused() {
        assertDoesNotThrow(() -> directory.check(deploy("anything"), "slipway.toml"));
    }

    @Test
    void anOlderAnnouncementDoesNotReplaceANewerOne() {
        announce("w1", NOW.minusSeconds(5), "deployer", "static");
        announce("w1", NOW.minusSeconds(500), "deployer", "process");

        assertEquals(1, directory.live().size());
        assertEquals("static", directory.live().get(0).strategies().get(0).name());
    }

    @Test
    void aRestExtensionIsServedByTheLiveWorkersThatLoadedItsPlugin() {
        announce("w2", NOW.minusSeconds(5), "http", "echo", "builder", "banner");
        announce("w1", NOW.minusSeconds(5), "http", "echo");
        announce("w3", NOW.minusSeconds(500), "http", "echo");
        directory.consume(EventCodec.encode(new WorkerAnnounced("w4", List.of("deploy"), List.of(new WorkerAnnounced.Plugin(
                "echo", WorkerAnnounced.Origin.JAR, "echo.jar", "1", null, WorkerAnnounced.Status.REFUSED, "broken",
                List.of())), NOW)));

        assertEquals(List.of("w1", "w2"), directory.servingHttp("echo"), "w3 went quiet, w4 refused it");
        assertEquals(List.of(), directory.servingHttp("banner"), "a plugin without a REST extension");
        assertEquals(List.of(), directory.servingHttp("nobody"));
    }

    @Test
    void theSubscribedPointsAreThoseOfLiveWorkersLoadedInstalledHooks() {
        List<WorkerAnnounced.Plugin> plugins = List.of(
                hookPlugin("command", WorkerAnnounced.Origin.BUILT_IN, WorkerAnnounced.Status.LOADED, "post_deploy", "pre_stop"),
                hookPlugin("recorder", WorkerAnnounced.Origin.JAR, WorkerAnnounced.Status.LOADED, "post_build", "app_created"),
                hookPlugin("broken", WorkerAnnounced.Origin.JAR, WorkerAnnounced.Status.REFUSED, "pre_deploy"));
        directory.consume(EventCodec.encode(new WorkerAnnounced("w1", List.of("hook"), plugins, NOW.minusSeconds(5))));
        directory.consume(EventCodec.encode(new WorkerAnnounced("gone", List.of("hook"),
                List.of(hookPlugin("old", WorkerAnnounced.Origin.JAR, WorkerAnnounced.Status.LOADED, "config_changed")),
                NOW.minusSeconds(600))));
        directory.consume(EventCodec.encode(new WorkerAnnounced("builder", List.of("build"),
                List.of(hookPlugin("elsewhere", WorkerAnnounced.Origin.JAR, WorkerAnnounced.Status.LOADED, "pre_deploy")),
                NOW.minusSeconds(5))));

        assertEquals(java.util.Set.of("post_build", "app_created"), directory.subscribedPoints(),
                "the built-in command hook answers to the app's own [hooks]; refused and gone plugins, and those of"
                        + " workers that run no hooks, count for nothing");
    }

    private static WorkerAnnounced.Plugin hookPlugin(String name, WorkerAnnounced.Origin origin,
                                                     WorkerAnnounced.Status status, String... points) {
        return new WorkerAnnounced.Plugin(name, origin, name + ".jar", "1", null, status, null,
                List.of(new WorkerAnnounced.Provided("hook", name, 0, List.of(), List.of(points))));
    }

    private void announce(String worker, Instant at, String... kindsAndNames) {
        List<WorkerAnnounced.Plugin> plugins = new java.util.ArrayList<>();
        for (int i = 0; i < kindsAndNames.length; i += 2) {
            plugins.add(new WorkerAnnounced.Plugin(kindsAndNames[i + 1], WorkerAnnounced.Origin.BUILT_IN, "test.jar", "1",
                    null, WorkerAnnounced.Status.LOADED, null,
                    List.of(new WorkerAnnounced.Provided(kindsAndNames[i], kindsAndNames[i + 1], 0, List.of(), List.of()))));
        }
        directory.consume(EventCodec.encode(new WorkerAnnounced(worker, List.of("deploy"), plugins, at)));
    }

    private static AppConfig deploy(String strategy) {
        AppConfig empty = AppConfig.empty();
        return new AppConfig(empty.build(), new AppConfig.Deploy(strategy), Map.of(), Map.of(), empty.healthcheck(),
                Map.of(), empty.proxy(), List.of());
    }
}
