package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The benchmark (bench/run): starts a stack of its own, installs the no-op plugin through the API,
 * then measures, in this order, the physical limit, the engine's overhead, throughput, footprint,
 * SSE fan-out and worker scaling (or the steps {@code --only} names), printing each figure as it comes, and writes them to bench/results/latest.{json,md}.
 */
public final class Bench {

    private static final int SCALING_BUILD_MS = 200;
    /** Long enough for every follower to be following before the build ends. */
    private static final int FANOUT_BUILD_MS = 8000;
    private static final String PLUGIN_JAR = "bench/noop-plugin/target/noop-plugin.jar";

    private final BenchOptions options;
    private final BenchStack stack;
    private final Figures figures = new Figures();
    private BenchApi api;

    private Bench(BenchOptions options) {
        this.options = options;
        this.stack = new BenchStack(options.repo(), options.offset());
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(Path.of(System.getProperty("slipway.repo", ".")).toAbsolutePath().normalize(), args);
        } catch (BenchOptions.HelpAsked e) {
            System.out.println(BenchOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        new Bench(options).run();
    }

    private void run() throws Exception {
        Machine.describe(figures, options.repo());
        figures.context("settings", "samples " + options.samples() + ", runs " + options.runs() + ", apps "
                + options.apps() + ", window " + options.window().toSeconds() + " s, followers " + options.followers()
                + ", steps " + String.join(",", options.steps()) + ", stack " + stack.home);
        try {
            footprintAtStart();
            installPlugin();
            if (options.runs("overhead")) {
                overhead(limit());
            }
            if (options.runs("throughput")) {
                throughput();
                footprintAfterLoad();
            }
            if (options.runs("fanout")) {
                fanOut();
            }
            if (options.runs("scaling")) {
                scaling(apps());
            }
        } catch (Exception e) {
            figures.context("incomplete", "the run stopped early: " + e.getMessage());
            throw e;
        } finally {
            figures.context("load_after", Machine.loadAverage());
            stack.stop("all");
            // What was measured is written even when a later step failed: absent keys say what is missing.
            figures.printTable(System.out);
            figures.write(options.results());
            System.out.println("written: " + options.results().resolve("latest.json") + ", latest.md");
        }
    }

    private void footprintAtStart() throws Exception {
        step("start-up (bin/slipway start, launch to /q/health/ready, ±0.5 s: its poll)");
        stack.prepare();
        stack.start("infra", Map.of());
        Duration orchestrator = stack.start("orchestrator", Map.of());
        Duration workers = stack.start("workers", Map.of());
        api = new BenchApi(stack.apiPort, stack.token());
        awaitWorker();
        figures.put("startup_s_orchestrator", orchestrator.toMillis() / 1000.0, "orchestrator: launch to ready, s");
        figures.put("startup_s_workers", workers.toMillis() / 1000.0, "workers (all roles, one JVM): launch to ready, s");
        figures.put("quarkus_started_s_orchestrator", stack.quarkusStartSeconds("orchestrator"),
                "orchestrator: Quarkus' own \"started in\", s");
        figures.put("quarkus_started_s_workers", stack.quarkusStartSeconds("workers"),
                "workers: Quarkus' own \"started in\", s");
        Thread.sleep(5000);
        figures.put("rss_mb_orchestrator_fresh", stack.rssMb("orchestrator"), "orchestrator RSS, idle after start, MiB");
        figures.put("rss_mb_workers_fresh", stack.rssMb("workers"), "workers RSS, idle after start, MiB");
    }

    private void installPlugin() throws Exception {
        step("the no-op plugin, through POST /api/plugins");
        Path jar = options.repo().resolve(PLUGIN_JAR);
        api.installJar("noop-plugin.jar", Files.readAllBytes(jar));
        for (int i = 0; i < 120; i++) {
            if (loadedEverywhere("noop")) {
                System.out.println("  noop loaded by every worker");
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("the noop plugin was not LOADED by every worker within 60 s: " + api.get("/api/plugins"));
    }

    /**
     * The physical limit of one deployment: 3 stages × (2 Kafka hops + 1 commit), from the p50s,
     * with the hop as commands and facts are sent (linger.ms=0).
     */
    private double limit() throws Exception {
        step("physical limit: one Kafka hop (acks=all; linger.ms 5 and 0), one single-row commit");
        KafkaLimit kafka = new KafkaLimit(stack.kafkaPort, stack.kafkaPassword("admin"));
        int warmUp = Math.max(10, options.samples() / 10);
        Samples hop = kafka.measure(warmUp, options.samples(), Optional.empty());
        figures.put("kafka_hop_ms_p50", hop.p50(), "produce → consume, acks=all, client defaults (linger.ms 5), ms");
        figures.put("kafka_hop_ms_p99", hop.p99(), "the same, p99, ms");
        Samples hopNoLinger = kafka.measure(warmUp, options.samples(), Optional.of(0));
        figures.put("kafka_hop_linger0_ms_p50", hopNoLinger.p50(), "the same with linger.ms=0, ms");
        figures.put("kafka_hop_linger0_ms_p99", hopNoLinger.p99(), "the same with linger.ms=0, p99, ms");
        Samples commit = new CommitLimit(stack.pgPort, stack.databasePassword()).measure(warmUp, options.samples());
        figures.put("commit_ms_p50", commit.p50(), "PostgreSQL single-row INSERT, autocommit, ms");
        figures.put("commit_ms_p99", commit.p99(), "the same, p99, ms");
        double limit = 3 * (2 * hopNoLinger.p50() + commit.p50());
        figures.put("limit_ms_p50", limit, "3 stages × (2 hops with linger.ms=0 + 1 commit), from the p50s, ms");
        figures.put("limit_ms_p99", 3 * (2 * hopNoLinger.p99() + commit.p99()), "the same from the p99s, ms");
        return limit;
    }

    private void overhead(double limit) throws Exception {
        step("engine overhead: 3-stage no-op deployments one at a time, accepted (202) → terminal event on SSE");
        Deployments deployments = new Deployments(api);
        api.createApp("bench-solo");
        for (int i = 0; i < 5; i++) {
            deployments.run("bench-solo");
        }
        List<JfrProfile> profiles = new ArrayList<>();
        if (options.profile()) {
            for (String service : List.of("orchestrator", "workers")) {
                profiles.add(JfrProfile.start(stack.pid(service), stack.home.resolve("overhead-" + service + ".jfr")));
            }
        }
        Samples overhead = new Samples();
        Samples request = new Samples();
        HandOffs handOffs = new HandOffs();
        CpuUse cpu = CpuUse.start(stack);
        for (int i = 0; i < options.runs(); i++) {
            Deployments.Timed timed = deployments.run("bench-solo");
            if (!timed.ending().succeeded()) {
                throw new IOException("a no-op deployment ended with " + timed.ending().event() + "; see "
                        + stack.home.resolve("logs"));
            }
            overhead.addNanos(timed.acceptedToEnd());
            request.addNanos(timed.requestedToEnd());
            handOffs.add(timed);
        }
        figures.put("overhead_ms_p50", overhead.p50(), "accepted → DeploymentSucceeded seen on SSE, ms");
        figures.put("overhead_ms_p99", overhead.p99(), "the same, p99, ms");
        figures.put("overhead_ratio_p50", overhead.p50() / limit, "overhead p50 / limit p50");
        figures.put("request_ms_p50", request.p50(), "request sent (upload, validation) → terminal event, ms");
        cpu.perDeployment(options.runs()).forEach((service, ms) -> figures.put("cpu_ms_per_deployment_" + service, ms,
                service + " CPU per deployment, one at a time, ms" + (options.profile() ? " (JFR running)" : "")));
        figures.note(handOffs.table("Hand-offs of the overhead step (one deployment at a time)"));
        figures.detail("overhead_handoffs_ms_p50", handOffs.p50s());
        Files.createDirectories(options.results());
        for (JfrProfile profile : profiles) {
            profile.stop();
            Path kept = Files.copy(profile.file, options.results().resolve(profile.file.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
            figures.note(JfrProfile.summary(kept, "Profile during the overhead step: " + kept.getFileName(), 10));
        }
    }

    /** The throughput and scaling steps' apps, made if they are not there yet. */
    private List<String> apps() throws IOException {
        List<String> apps = new ArrayList<>(IntStream.range(0, options.apps()).mapToObj(i -> "bench-" + i).toList());
        for (String app : apps) {
            api.createApp(app);
        }
        return apps;
    }

    private void throughput() throws Exception {
        step("throughput: " + options.apps() + " apps, each redeployed as soon as its last ended, for "
                + options.window().toSeconds() + " s");
        List<String> apps = apps();
        CpuUse cpu = CpuUse.start(stack);
        Throughput.Result result = new Throughput(new Deployments(api)).run(apps, options.window());
        Map<String, Double> cpuPer = cpu.perDeployment(result.latency().size());
        figures.put("throughput_per_min", result.perMinute(), "no-op deployments ended per minute, sustained");
        figures.put("throughput_p99_ms", result.latency().p99(), "request → terminal event under that load, p99, ms");
        figures.put("throughput_p50_ms", result.latency().p50(), "the same, p50, ms");
        figures.count("throughput_failed", result.failed(), "deployments that ended DeploymentFailed");
        cpuPer.forEach((service, ms) -> figures.put("throughput_cpu_ms_per_deployment_" + service, ms,
                service + " CPU per deployment under that load, ms"));
        figures.note(result.handOffs().table("Hand-offs of the throughput step (" + options.apps() + " apps at once)"));
        figures.detail("throughput_handoffs_ms_p50", result.handOffs().p50s());
    }

    private void fanOut() throws Exception {
        step("SSE fan-out: " + options.followers() + " clients following one deployment's events, then as many leaving one");
        api.createApp("bench-fanout");
        FanOut.Result result = new FanOut(api, stack, stack.databasePassword())
                .run("bench-fanout", options.followers(), FANOUT_BUILD_MS);
        figures.count("sse_followers", options.followers(), "clients following one deployment's events at once");
        figures.count("sse_live_events", result.liveEvents(), "events appended once they all followed");
        if (result.delay().size() > 0) {
            figures.put("sse_p50_ms", result.delay().p50(), "append (recorded_at) → arrival at a follower, p50, ms");
            figures.put("sse_p99_ms", result.delay().p99(), "the same, p99, ms");
        }
        figures.note(result.perEvent());
        figures.count("sse_missed", result.missed(), "live events a follower never got");
        figures.count("sse_broken", result.broken(), "followers whose stream ended before the terminal event");
        figures.count("sse_threads_before", result.threadsBefore(), "orchestrator threads before the followers came");
        figures.count("sse_threads_following", result.threadsFollowing(), "orchestrator threads while they all followed");
        figures.count("sse_threads_after", result.threadsAfter(), "orchestrator threads 5 s after they all left");
        if (!Double.isNaN(result.followersLeft())) {
            figures.put("sse_followers_left", result.followersLeft(), "followers the orchestrator still counts after "
                    + options.followers() + " left mid-deployment");
            figures.put("sse_feeds_left", result.feedsLeft(), "database readers it still runs for them");
        }
    }

    /** The same load with builds that take 200 ms, on the one workers JVM and then on two. */
    private void scaling(List<String> apps) throws Exception {
        step("worker scaling: builds of " + SCALING_BUILD_MS + " ms, 1 then 2 workers JVMs, " + apps.size() + " apps, "
                + options.window().toSeconds() + " s each");
        Map<String, String> slowBuilds = Map.of("SLIPWAY_PLUGINS_NOOP_BUILD_MS", Integer.toString(SCALING_BUILD_MS));
        stack.stop("workers");
        stack.start("workers", slowBuilds);
        Thread.sleep(5000);
        Throughput load = new Throughput(new Deployments(api));
        Throughput.Result one = load.run(apps, options.window());
        figures.put("scaling_1_per_min", one.perMinute(), "deployments/min, one workers JVM, 200 ms builds");
        figures.put("scaling_1_p99_ms", one.latency().p99(), "the same, request → terminal event p99, ms");
        try (ExtraWorker second = ExtraWorker.start(stack, slowBuilds)) {
            Thread.sleep(10_000);
            Throughput.Result two = load.run(apps, options.window());
            figures.put("scaling_2_per_min", two.perMinute(), "deployments/min, two workers JVMs, 200 ms builds");
            figures.put("scaling_2_p99_ms", two.latency().p99(), "the same, request → terminal event p99, ms");
            figures.put("scaling_1_to_2", two.perMinute() / one.perMinute(), "speed-up from one to two workers");
            figures.count("scaling_failed", one.failed() + two.failed(), "deployments that ended DeploymentFailed");
        }
    }

    private void footprintAfterLoad() throws Exception {
        step("footprint after load (10 s idle)");
        Thread.sleep(10_000);
        figures.put("rss_mb_orchestrator", stack.rssMb("orchestrator"), "orchestrator RSS, idle after load, MiB");
        figures.put("rss_mb_workers", stack.rssMb("workers"), "workers RSS (one JVM, all roles), idle after load, MiB");
    }

    private boolean loadedEverywhere(String plugin) throws IOException {
        for (JsonNode found : api.get("/api/plugins")) {
            if (found.path("name").asText().equals(plugin)) {
                JsonNode workers = found.path("workers");
                if (workers.isEmpty()) {
                    return false;
                }
                for (JsonNode worker : workers) {
                    if (!worker.path("status").asText().equals("LOADED")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private void awaitWorker() throws Exception {
        for (int i = 0; i < 120; i++) {
            if (!api.get("/api/workers").isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("no worker announced itself within 60 s; see " + stack.home.resolve("logs"));
    }

    private static void step(String title) {
        System.out.println();
        System.out.println("== " + title);
    }
}
