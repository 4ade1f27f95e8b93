package dev.slipway.workers.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slipway.api.config.AppConfig;
import dev.slipway.api.StageLog;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.workers.isolation.SecretMask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReleaseMonitorTest {

    private final List<String> kept = Collections.synchronizedList(new ArrayList<>());
    /** Output goes to the runtime log only: no fact is published, so no Facts is needed. */
    private final ReleaseMonitor monitor = new ReleaseMonitor(null,
            new DeployRequested(UUID.randomUUID(), "hello", 1, null, AppConfig.empty()), "worker-1",
            SecretMask.of(List.of("s3cret-value")), StageLog.discard(), (process, line) -> kept.add(process + " " + line));

    private static List<String> lines(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void aFloodingProcessIsCutToItsOwnBudgetWhileTheOthersStillReachTheLog() {
        monitor.output("web", 1, lines("request ", 5));
        monitor.output("worker", 1, lines("tick ", ReleaseMonitor.LINES_PER_SECOND + 100));
        monitor.output("web", 1, List.of("token s3cret-value used"));

        assertEquals(ReleaseMonitor.LINES_PER_SECOND, kept.stream().filter(l -> l.startsWith("worker.1 ")).count());
        List<String> web = kept.stream().filter(l -> l.startsWith("web.1 ")).toList();
        assertEquals(6, web.size(), web::toString);
        assertEquals("web.1 token " + SecretMask.MASK + " used", web.get(5));
    }
}
