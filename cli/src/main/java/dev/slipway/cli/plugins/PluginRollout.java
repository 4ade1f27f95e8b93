package dev.slipway.cli.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits until every live worker has reported on one version of a plugin (its name and the checksum
 * the workers announce): that it has it, loaded or refused, or, after a removal, that it no longer has it.
 */
final class PluginRollout {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final Cli cli;
    private final String name;
    private final String checksum;

    PluginRollout(Cli cli, String name, String checksum) {
        this.cli = cli;
        this.name = name;
        this.checksum = checksum;
    }

    /**
     * @param present whether to wait for the workers to have it (install) or not to have it (remove)
     * @return each live worker's status ({@code LOADED}, {@code REFUSED: why}, {@code removed}), and
     *         {@code waiting} for those that had not reported when the time was up
     */
    Map<String, String> await(boolean present, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, String> statuses = statuses(present);
            if (!statuses.containsValue("waiting") || System.nanoTime() > deadline) {
                return statuses;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Map<String, String> statuses(boolean present) throws Exception {
        Map<String, String> reported = new LinkedHashMap<>();
        for (JsonNode plugin : cli.api().get("/api/plugins")) {
            if (Json.text(plugin, "name").equals(name) && Json.text(plugin, "checksum").equals(checksum)) {
                for (JsonNode worker : plugin.path("workers")) {
                    reported.put(Json.text(worker, "worker"), Json.text(worker, "status")
                            + (Json.has(worker, "problem") ? ": " + Json.text(worker, "problem") : ""));
                }
            }
        }
        Map<String, String> statuses = new LinkedHashMap<>();
        for (JsonNode worker : cli.api().get("/api/workers")) {
            String id = Json.text(worker, "worker");
            String status = reported.get(id);
            statuses.put(id, present ? (status == null ? "waiting" : status) : (status == null ? "removed" : "waiting"));
        }
        return statuses;
    }

    /** Prints one line per worker; @return whether every worker did what was asked */
    static boolean print(Cli cli, Map<String, String> statuses, String done) {
        if (statuses.isEmpty()) {
            cli.out().println("  no live worker yet: each gets it when it starts");
        }
        List<String> failed = new ArrayList<>();
        statuses.forEach((worker, status) -> {
            cli.out().println("  on " + worker + ": " + status);
            if (!status.equals(done)) {
                failed.add(worker);
            }
        });
        return failed.isEmpty();
    }
}
