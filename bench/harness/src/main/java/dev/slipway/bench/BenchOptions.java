package dev.slipway.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * bench/run's options.
 *
 * @param offset     added to the bench stack's ports (the end-to-end tests' plan), and names its home
 * @param samples    probes of each physical limit (Kafka hop, commit)
 * @param runs       one-at-a-time deployments of the overhead step
 * @param apps       apps deployed side by side in the throughput step
 * @param window     how long the throughput step runs
 * @param profile    whether the overhead step records JFR profiles of the orchestrator and the workers
 * @param results    where latest.json and latest.md go
 */
record BenchOptions(Path repo, int offset, int samples, int runs, int apps, Duration window, boolean profile,
                    Path results) {

    static final String USAGE = """
            usage: bench/run [--seconds N] [--runs N] [--apps N] [--samples N] [--offset N] [--no-profile]
              --seconds N   throughput window (60)        --runs N     one-at-a-time deployments (50)
              --apps N      apps in the throughput step (20)  --samples N  Kafka and commit probes (500)
              --offset N    port offset of the bench stack, home /tmp/slipway-bench-N (0)
              --no-profile  no JFR recording of the orchestrator and workers during the overhead step""";

    static BenchOptions parse(Path repo, String[] args) {
        int offset = 0;
        int samples = 500;
        int runs = 50;
        int apps = 20;
        int seconds = 60;
        boolean profile = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--offset" -> offset = number(args, ++i, 0, 900);
                case "--samples" -> samples = number(args, ++i, 10, 100_000);
                case "--runs" -> runs = number(args, ++i, 5, 10_000);
                case "--apps" -> apps = number(args, ++i, 1, 200);
                case "--seconds" -> seconds = number(args, ++i, 5, 3600);
                case "--no-profile" -> profile = false;
                case "--help", "-h" -> throw new HelpAsked();
                default -> throw new IllegalArgumentException("unknown option \"" + args[i] + "\"\n" + USAGE);
            }
        }
        return new BenchOptions(repo, offset, samples, runs, apps, Duration.ofSeconds(seconds), profile,
                repo.resolve("bench/results"));
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
