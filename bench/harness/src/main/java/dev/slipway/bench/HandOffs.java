package dev.slipway.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a deployment's time goes: the gap between each event and the one before it, as the SSE
 * client saw them arrive (the first from the 202). Events already committed when the stream opens
 * arrive together, at its replay, so the first gap holds the stream's opening too.
 */
final class HandOffs {

    private final Map<String, Samples> gaps = new LinkedHashMap<>();

    void add(Deployments.Timed timed) {
        long previous = timed.accepted();
        String from = "202 Accepted";
        for (BenchApi.Seen seen : timed.ending().events()) {
            gaps.computeIfAbsent(from + " → " + seen.type(), k -> new Samples()).addNanos(seen.at() - previous);
            previous = seen.at();
            from = seen.type();
        }
    }

    /** A Markdown table of each hand-off's p50 and p99, in the order they happen. */
    String table(String title) {
        StringBuilder out = new StringBuilder("### " + title + "\n\n| hand-off | seen | p50 ms | p99 ms |\n|---|---:|---:|---:|\n");
        gaps.forEach((gap, samples) -> out.append(String.format("| %s | %d | %.1f | %.1f |%n", gap, samples.size(),
                samples.p50(), samples.p99())));
        return out.toString();
    }

    /** Each hand-off's p50, for the JSON file. */
    Map<String, Double> p50s() {
        Map<String, Double> p50s = new LinkedHashMap<>();
        gaps.forEach((gap, samples) -> p50s.put(gap, Math.round(samples.p50() * 10) / 10.0));
        return p50s;
    }
}
