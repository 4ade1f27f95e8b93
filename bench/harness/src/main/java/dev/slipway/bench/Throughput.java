package dev.slipway.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * No-op deployments over many apps for a fixed time, each app's next one requested as soon as its
 * previous one ended (a closed loop per app: as many deployments in flight as there are apps).
 */
final class Throughput {

    /** Deployments that ended within the window, the latency of every one requested in it, the failed ones. */
    record Result(int completed, int failed, Samples latency, HandOffs handOffs, Duration window) {
        double perMinute() {
            return completed * 60_000.0 / window.toMillis();
        }
    }

    private final Deployments deployments;

    Throughput(Deployments deployments) {
        this.deployments = deployments;
    }

    Result run(List<String> apps, Duration window) throws IOException, InterruptedException {
        Samples latency = new Samples();
        HandOffs handOffs = new HandOffs();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(apps.size());
        long start = System.nanoTime();
        long end = start + window.toNanos();
        List<Future<?>> loops = new ArrayList<>();
        for (String app : apps) {
            loops.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    Deployments.Timed timed = deployments.run(app);
                    latency.addNanos(timed.requestedToEnd());
                    handOffs.add(timed);
                    if (timed.ending().seenAt() <= end) {
                        completed.incrementAndGet();
                    }
                    if (!timed.ending().succeeded()) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        try {
            for (Future<?> loop : loops) {
                loop.get();
            }
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw new IOException("a throughput loop failed: " + e.getCause().getMessage(), e.getCause());
        }
        return new Result(completed.get(), failed.get(), latency, handOffs, window);
    }
}
