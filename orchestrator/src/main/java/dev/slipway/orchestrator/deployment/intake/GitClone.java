package dev.slipway.orchestrator.deployment.intake;

import dev.slipway.api.Commands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one git command whose output grows a directory, and stops it — git and every process it
 * started — once that directory passes a size or the command passes a time limit. Git itself has
 * no size limit for a clone, so its size is watched while it runs. Blocking.
 */
final class GitClone {

    /** Why git did not finish: its exit code, the limit it passed, and the last lines it wrote. */
    static final class Failed extends Exception {
        final boolean tooLarge;
        final List<String> output;

        Failed(String message, boolean tooLarge, List<String> output) {
            super(message);
            this.tooLarge = tooLarge;
            this.output = List.copyOf(output);
        }
    }

    private static final long POLL_MILLIS = 200;
    private static final int KEPT_LINES = 20;

    private GitClone() {
    }

    static void run(List<String> command, Path dir, Map<String, String> env, Path watched, long maxBytes,
                    Duration timeout) throws Failed {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Failed("git could not be started: " + e.getMessage() + " (is it installed?)", false, List.of());
        }
        try {
            process.getOutputStream().close(); // nothing to read: git must not wait for input
        } catch (IOException ignored) {
            // it has exited already; waitFor says how
        }
        Thread pump = new Thread(() -> pump(process, output), "git-output");
        pump.setDaemon(true);
        pump.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (size(watched) > maxBytes) {
                    Commands.destroyTree(process.toHandle());
                    throw tooLarge(maxBytes);
                }
                if (System.nanoTime() > deadline) {
                    Commands.destroyTree(process.toHandle());
                    throw new Failed("it did not finish within " + timeout.toSeconds() + " s", false, output);
                }
            }
            pump.join(2_000);
        } catch (InterruptedException e) {
            Commands.destroyTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw new Failed("it was interrupted", false, output);
        }
        if (size(watched) > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (process.exitValue() != 0) {
            throw new Failed("git exited with " + process.exitValue(), false, output);
        }
    }

    private static Failed tooLarge(long maxBytes) {
        long mib = 1024 * 1024;
        String limit = maxBytes % mib == 0 ? maxBytes / mib + " MiB" : maxBytes + " bytes";
        return new Failed("the clone grew past " + limit + " and was stopped (slipway.git.max-bytes)", true, List.of());
    }

    /** Bytes of the regular files under {@code dir}, links not followed; 0 while it does not exist. */
    static long size(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            return tree.mapToLong(GitClone::sizeOf).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // git renames files as it goes: the next poll counts again
        }
    }

    private static long sizeOf(Path p) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pump(Process process, List<String> output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                if (output.size() > KEPT_LINES) {
                    output.remove(0);
                }
            }
        } catch (IOException e) {
            output.add("(output lost: " + e.getMessage() + ")");
        }
    }
}
