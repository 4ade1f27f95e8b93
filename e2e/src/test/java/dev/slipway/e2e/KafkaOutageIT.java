package dev.slipway.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka stopped for about 10 s in the middle of a build, then started again: the build's answer waits
 * in the worker's producer, the orchestrator's and the workers' clients reconnect, and the deployment
 * succeeds once. How long it took is printed, never asserted.
 */
@ExtendWith(SlipwayStack.class)
class KafkaOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private final Api api = SlipwayStack.api();

    @Test
    void kafkaStoppedDuringABuildDelaysTheDeploymentWhichThenSucceedsOnce(@TempDir Path dir) throws Exception {
        String id = Faults.slowBuildStarted(api, "kafkaoutage", dir);

        Faults.stop("kafka");
        long stoppedAt = System.nanoTime();
        try {
            Thread.sleep(OUTAGE.toMillis());
        } finally {
            Faults.start("kafka");
        }
        long backAt = System.nanoTime();

        List<Api.Event> events = api.events(id);
        long endedAt = System.nanoTime();
        System.out.printf("KafkaOutageIT: Kafka was down %.1f s (stopped to ready again); the deployment ended %.1f s"
                + " after it was back%n", (backAt - stoppedAt) / 1e9, (endedAt - backAt) / 1e9);
        Faults.assertSucceededOnce(api, "kafkaoutage", id, events);
    }
}
