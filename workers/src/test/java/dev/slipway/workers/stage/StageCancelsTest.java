package dev.slipway.workers.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.CancelRequested;
import dev.slipway.api.event.StopRequested;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StageCancelsTest {

    private static final UUID ID = UUID.randomUUID();
    private final List<String> killed = new CopyOnWriteArrayList<>();
    private final StageCancels cancels = new StageCancels((app, group) -> killed.add(app + "/" + group));

    private static BuildRequested build(UUID id) {
        return new BuildRequested(id, "hello", 2, Path.of("/s.tar.gz"), AppConfig.empty());
    }

    @Test
    void aRunningBuildIsInterruptedAndItsControlGroupKilled() throws Exception {
        CountDownLatch registered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        boolean[] clearedAfterwards = new boolean[1];
        Thread stage = new Thread(() -> {
            try (StageCancels.Running running = cancels.running(build(ID))) {
                registered.countDown();
                // As Commands.run leaves it: the process killed, the interrupt flag set again.
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                interrupted.countDown();
            }
            clearedAfterwards[0] = !Thread.currentThread().isInterrupted();
        });
        stage.start();
        assertTrue(registered.await(10, TimeUnit.SECONDS));

        cancels.cancel(new CancelRequested(ID, "hello", 2, "build"));

        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the build's thread was not interrupted");
        stage.join(10_000);
        assertTrue(clearedAfterwards[0], "the interrupt outlived the stage, to hit what the thread does next");
        assertEquals(List.of("hello/build-" + ID + "-2"), killed);
    }

    @Test
    void aStageOfACancelledDeploymentNeverStartsButItsReleaseCanStillBeStopped() {
        cancels.cancel(new CancelRequested(ID, "hello", 1, "deploy"));

        assertTrue(cancels.skips(build(ID)));
        assertFalse(cancels.skips(build(UUID.randomUUID())), "other deployments run");
        DeploymentInfo release = DeploymentInfo.upstream("hello", ID.toString(), "process", "127.0.0.1", 20001, Map.of());
        assertFalse(cancels.skips(new StopRequested(ID, "hello", 1, release, "it answered too late", null, null)));
        assertTrue(killed.isEmpty(), "a deploy has no group of its own to kill");
    }

    @Test
    void aCancellationAfterTheStageEndedInterruptsNothing() {
        try (StageCancels.Running running = cancels.running(build(ID))) {
            assertFalse(Thread.currentThread().isInterrupted());
        }

        cancels.cancel(new CancelRequested(ID, "hello", 2, "build"));

        assertFalse(Thread.interrupted(), "the thread has moved on");
    }
}
