package dev.slipway.orchestrator.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A process as {@code GET /api/apps/{app}/processes} shows it.
 *
 * @param uptimeSeconds since it last started, while it is up; {@code null} otherwise
 * @param current       whether it belongs to the release the app serves (others are still stopping)
 */
public record ProcessView(String process, String type, int index, Integer release, UUID deploymentId, boolean current,
                          String state, Long pid, Integer port, Instant startedAt, Long uptimeSeconds, int restarts,
                          Integer exitCode, String worker) {

    static ProcessView of(AppProcess row, Integer release, boolean current, Clock clock) {
        Long uptime = AppProcess.State.UP.name().equals(row.state) && row.startedAt != null
                ? Math.max(0, Duration.between(row.startedAt, clock.instant()).toSeconds()) : null;
        return new ProcessView(row.process + "." + row.instance, row.process, row.instance, release, row.deploymentId,
                current, row.state, row.pid, row.port, row.startedAt, uptime, row.restarts, row.exitCode, row.worker);
    }
}
