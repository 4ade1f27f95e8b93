package dev.slipway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * bench/run's options.
 *
 * @param offset     added to the bench stack's ports (the end-to-end tests' plan), and names its home
 * @param samples    probes of each physical limit (Kafka hop, commit)
 * @param runs       one-at-a-time deployments of the overhead step
 * @param apps       apps deployed side by side in the throughput step
 * @param window     how long the throughput step runs
 * @param profile    whether the overhead step records JFR profiles of the orchestrator and the workers
 * @param followers  clients of the SSE fan-out step
 * @param steps      the steps to run, of {@link #STEPS}; start-up and the plugin's install always run
 * @param results    where latest.json and latest.md go
 */
record BenchOptions(Path repo, int offset, int samples, int runs, int apps, Duration window, boolean profile,
                    int followers, Set<String> steps, Path results) {

    static final List<String> STEPS = List.of("overhead", "throughput", "fanout", "scaling");

    static final String USAGE = """
            usage: bench/run [--seconds N] [--runs N] [--apps N] [--samples N] [--offset N] [--no-profile]
              --seconds N   throughput window (60)        --runs N     one-at-a-time deployments (50)
              --apps N      apps in the throughput step (20)  --samples N  Kafka and commit probes (500)
              --offset N    port offset of the bench stack, home /tmp/slipway-bench-N (0)
              --no-profile  no JFR recording of the orchestrator and workers during the overhead step
              --followers N clients of the SSE fan-out step (1000)
              --only S,S    only these steps of overhead, throughput, fanout, scaling (all)""";

    static BenchOptions parse(Path repo, String[] args) {
        int offset = 0;
        int samples = 500;
        int runs = 50;
        int apps = 20;
        int seconds = 60;
        boolean profile = true;
        int followers = 1000;
        Set<String> steps = new LinkedHashSet<>(STEPS);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--offset" -> offset = number(args, ++i, 0, 900);
                case "--samples" -> samples = number(args, ++i, 10, 100_000);
                case "--runs" -> runs = number(args, ++i, 5, 10_000);
                case "--apps" -> apps = number(args, ++i, 1, 200);
                case "--seconds" -> seconds = number(args, ++i, 5, 3600);
                case "--no-profile" -> profile = false;
                case "--followers" -> followers = number(args, ++i, 1, 20_000);
                case "--only" -> steps = steps(args, ++i);
                case "--help", "-h" -> throw new HelpAsked();
                default -> throw new IllegalArgumentException("unknown option \"" + args[i] + "\"\n" + USAGE);
            }
        }
        return new BenchOptions(repo, offset, samples, runs, apps, Duration.ofSeconds(seconds), profile, followers,
                Set.copyOf(steps), repo.resolve("bench/results"));
    }

    boolean runs(String step) {
        return steps.contains(step);
    }

    private static Set<String> steps(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("--only needs steps\n" + USAGE);
        }
        Set<String> steps = new LinkedHashSet<>();
        for (String step : args[i].split(",")) {
            if (!STEPS.contains(step)) {
                throw new IllegalArgumentException("--only: \"" + step + "\" is not a step; the steps are "
                        + String.join(", ", STEPS));
            }
            steps.add(step);
        }
        return steps;
    }

    /** --help: not an error, the usage goes to stdout. */
    static final class HelpAsked extends RuntimeException {
        HelpAsked() {
            super(USAGE, null, false, false);
        }
    }

    private static int number(String[] args, int i, int min, int max) {
        String option = args[i - 1];
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a number\n" + USAGE);
        }
        try {
            int value = Integer.parseInt(args[i]);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " \"" + args[i] + "\" is not a whole number from " + min + " to " + max);
    }
}
