package dev.slipway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandsTest {

    @Test
    void aZombieNoOneReapsHasFinishedThoughTheJdkCallsItAlive() throws Exception {
        // sh forks a child that exits at once, then becomes a sleep that never waits for it: a zombie for 30 s.
        Process parent = new ProcessBuilder("/bin/sh", "-c", "true & exec sleep 30").start();
        try {
            ProcessHandle zombie = awaitOnlyChild(parent.toHandle());
            for (int i = 0; i < 100 && Commands.running(zombie); i++) {
                Thread.sleep(50);
            }

            assertTrue(zombie.isAlive(), "the JDK counts a zombie as alive");
            assertFalse(Commands.running(zombie), "but it has finished");
            assertTrue(Commands.running(parent.toHandle()), "a process at work runs");
        } finally {
            parent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        assertFalse(Commands.running(parent.toHandle()), "a reaped process is gone");
    }

    @Test
    void aSessionStillHoldsWhatItsDeadLeaderStarted() throws Exception {
        Process leader = new ProcessBuilder("setsid", "/bin/sh", "-c", "sleep 61 & exec sleep 62").start();
        ProcessHandle child = awaitOnlyChild(leader.toHandle());
        Instant started = leader.toHandle().info().startInstant().orElseThrow();
        Process stranger = new ProcessBuilder("sleep", "63").start();
        try {
            leader.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            assertTrue(child.parent().map(p -> p.pid() != leader.pid()).orElse(true), "init took the child");

            assertEquals(List.of(child), Commands.session(leader.pid(), started));
            assertEquals(List.of(), Commands.session(leader.pid(), Instant.now().plusSeconds(60)),
                    "what started before the leader is not its own, whatever its session says");
        } finally {
            child.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    private static ProcessHandle awaitOnlyChild(ProcessHandle parent) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> children = parent.children().toList();
            if (!children.isEmpty()) {
                assertEquals(1, children.size(), children::toString);
                return children.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("sh never started its child");
    }
}
