package dev.slipway.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One line per pipeline event, in columns: stage, strategy, what happened. Remembers the strategy
 * each stage started with, so that later events of that stage show it too.
 */
public final class EventFormatter {

    private final Map<String, String> strategies = new HashMap<>();

    /** The line for an event of type {@code type} (the record's simple name) with its JSON data. */
    public String format(String type, JsonNode data) {
        return switch (type) {
            case "DeploymentRequested" -> row("request", Json.text(data, "source"), "deployment requested");
            case "DeploymentQueued" -> row("queue", "", "queued, position " + Json.text(data, "position")
                    + ": waits for the app's earlier deployments");
            case "DeploymentDequeued" -> row("queue", "", "its turn: the deployment before it has ended");
            case "BuildStarted" -> started("build", data);
            case "Built" -> built(data);
            case "BuildFailed" -> failed("build", data);
            case "DeployStarted" -> started("deploy", data);
            case "Deployed" -> deployed(data.path("release"));
            case "DeployFailed" -> failed("deploy", data);
            case "ProxyStarted" -> started("proxy", data);
            case "ProxyConfigured" -> row("proxy", strategy("proxy"), "configured " + String.join(" ", Json.texts(data, "urls")));
            case "ProxyFailed" -> failed("proxy", data);
            case "HookCompleted" -> row("hook", Json.text(data, "hook"), "completed");
            case "HookFailed" -> row("hook", Json.text(data, "hook"), "failed: " + Json.text(data, "reason"));
            case "Stopped" -> row("stop", strategy("deploy"), "stopped release " + Json.text(data, "releaseId"));
            case "StageTimedOut" -> row(Json.text(data, "stage"), "", "attempt " + Json.text(data, "attempt")
                    + " got no answer in time");
            case "DeploymentSucceeded" -> "  ✔ deployed  release " + release(data.path("release"))
                    + "  " + String.join(" ", Json.texts(data, "urls"));
            case "DeploymentFailed" -> "  ✘ failed  in " + Json.text(data, "stage") + ": " + Json.text(data, "reason");
            case "DeploymentCancelled" -> "  ✘ cancelled  while " + Json.text(data, "state").toLowerCase()
                    + ": " + Json.text(data, "reason");
            default -> row("event", "", type);
        };
    }

    private String started(String stage, JsonNode data) {
        strategies.put(stage, Json.text(data, "strategy"));
        List<String> notes = new ArrayList<>();
        if (data.path("attempt").asInt(1) > 1) {
            notes.add("attempt " + data.path("attempt").asInt());
        }
        if (!Json.text(data, "reason").isBlank()) {
            notes.add(Json.text(data, "reason"));
        }
        return row(stage, strategy(stage), notes.isEmpty() ? "started" : "started (" + String.join("; ", notes) + ")");
    }

    private String built(JsonNode data) {
        JsonNode artifact = data.path("artifact");
        String builder = Json.text(artifact, "builder");
        String toolchain = Json.text(artifact, "toolchain");
        String strategy = builder.isEmpty() ? strategy("build") : toolchain.isEmpty() ? builder : builder + "/" + toolchain;
        List<String> processes = new ArrayList<>();
        for (Iterator<String> names = artifact.path("processes").fieldNames(); names.hasNext(); ) {
            processes.add(names.next());
        }
        String kind = Json.text(artifact, "kind");
        String what = processes.isEmpty() ? kind : kind + ": " + String.join(", ", processes.stream().sorted().toList());
        return row("build", strategy, what.isEmpty() ? "built" : "built (" + what + ")");
    }

    private String deployed(JsonNode release) {
        String deployer = Json.text(release, "deployer");
        String where = Json.has(release, "upstreamHost")
                ? "at " + Json.text(release, "upstreamHost") + ":" + Json.text(release, "upstreamPort")
                : "serving " + Json.text(release, "staticRoot");
        return row("deploy", deployer.isEmpty() ? strategy("deploy") : deployer,
                "running " + Json.text(release, "releaseId") + " " + where);
    }

    private String failed(String stage, JsonNode data) {
        return row(stage, strategy(stage), "failed: " + Json.text(data, "reason"));
    }

    private String strategy(String stage) {
        return strategies.getOrDefault(stage, "");
    }

    /** A release is a number in DeploymentSucceeded; tolerate an object with a version or id too. */
    private static String release(JsonNode release) {
        if (release.isObject()) {
            return Json.has(release, "version") ? Json.text(release, "version") : Json.text(release, "releaseId");
        }
        return release.asText();
    }

    private static String row(String stage, String strategy, String what) {
        return String.format("  %-8s %-12s %s", stage, strategy, what).stripTrailing();
    }
}
