package dev.slipway.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.slipway.cli.Cli;
import dev.slipway.cli.ExitCodes;
import dev.slipway.cli.Json;
import dev.slipway.cli.http.UrlPaths;
import dev.slipway.cli.sse.SseEvent;
import dev.slipway.cli.sse.SseFollower;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows a deployment's events to its terminal one, printing a line for each, optionally with the
 * stage logs beside them; answers the exit code. If the stream cannot be had again after a drop,
 * the deployment's state decides.
 */
public final class DeploymentFollower {

    static final Set<String> FAILED_STATES = Set.of("FAILED", "ROLLING_BACK", "ROLLED_BACK", "CANCELLED");
    /** How long the log stream may trail the terminal event before it is cut. */
    private static final long LOG_GRACE_MILLIS = 3_000;

    private final Cli cli;
    private final EventFormatter formatter = new EventFormatter();

    public DeploymentFollower(Cli cli) {
        this.cli = cli;
    }

    public int follow(String deploymentId, boolean withLogs) throws Exception {
        String base = "/api/deployments/" + UrlPaths.segment(deploymentId);
        SseFollower logs = withLogs ? cli.newFollower() : null;
        Thread logThread = logs == null ? null : startLogs(logs, base + "/logs");
        AtomicInteger exit = new AtomicInteger(-1);
        boolean ended;
        try {
            ended = cli.newFollower().follow(base + "/events", event -> onEvent(event, exit), false);
        } finally {
            if (logThread != null) {
                logThread.join(LOG_GRACE_MILLIS);
                logs.close();
            }
        }
        return ended && exit.get() >= 0 ? exit.get() : fromState(deploymentId);
    }

    private boolean onEvent(SseEvent event, AtomicInteger exit) {
        JsonNode data = parse(event.data());
        cli.out().println(formatter.format(event.event(), data));
        if (event.event().equals("DeploymentSucceeded")) {
            exit.set(ExitCodes.OK);
        } else if (event.event().equals("DeploymentFailed") || event.event().equals("DeploymentCancelled")) {
            exit.set(ExitCodes.FAILED);
        }
        return exit.get() >= 0;
    }

    private Thread startLogs(SseFollower logs, String path) {
        Thread thread = new Thread(() -> {
            try {
                logs.follow(path, event -> {
                    if (event.event().equals("log")) {
                        cli.out().println(LogFormatter.format(parse(event.data())));
                    }
                    return false;
                }, true);
            } catch (Exception e) {
                cli.err().println("slip: logs: " + e.getMessage());
            }
        }, "slip-logs");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The event stream was lost for good: say where the deployment stands. */
    private int fromState(String deploymentId) throws Exception {
        JsonNode deployment = cli.api().get("/api/deployments/" + UrlPaths.segment(deploymentId));
        String state = Json.text(deployment, "state");
        if (state.equals("SUCCEEDED")) {
            cli.out().println("  ✔ deployed  release " + Json.text(deployment, "release") + "  "
                    + String.join(" ", Json.texts(deployment, "urls")));
            return ExitCodes.OK;
        }
        if (FAILED_STATES.contains(state)) {
            cli.out().println("  ✘ " + state.toLowerCase().replace('_', ' ') + ": " + Json.text(deployment, "error"));
            return ExitCodes.FAILED;
        }
        cli.err().println("slip: lost the event stream of deployment " + deploymentId + " while it is " + state
                + "; pick it up again with: slip follow " + deploymentId);
        return ExitCodes.USAGE;
    }

    private JsonNode parse(String data) {
        try {
            return cli.api().json().readTree(data);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
