package dev.slipway.plugins.deploy.process;

import dev.slipway.api.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A process's pid file: its pid (first line, as {@code bin/slipway stop} reads it), when it
 * started, its port and how often it was started again. The start time tells the process from
 * another that got its pid later; the count lets a worker that takes the release over go on counting.
 */
final class PidFile {

    /** What a pid file says. */
    record Entry(long pid, long startedAt, int port, int restarts) {

        /** The process, if it still runs and is the one the file names. */
        Optional<ProcessHandle> running() {
            Optional<ProcessHandle> found = ProcessHandle.of(pid).filter(Commands::running);
            long actual = found.map(PidFile::startedAt).orElse(-1L);
            return found.filter(p -> startedAt < 0 || actual < 0 || startedAt == actual);
        }
    }

    private PidFile() {
    }

    static void write(Path file, ProcessHandle process, int port, int restarts) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(next, process.pid() + "\n" + startedAt(process) + "\n" + port + "\n" + restarts + "\n");
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Empty when there is no file or it is not one of ours. */
    static Optional<Entry> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            long pid = Long.parseLong(lines.get(0).strip());
            long startedAt = lines.size() > 1 ? Long.parseLong(lines.get(1).strip()) : -1;
            int port = lines.size() > 2 ? Integer.parseInt(lines.get(2).strip()) : 0;
            int restarts = lines.size() > 3 ? Integer.parseInt(lines.get(3).strip()) : 0;
            return Optional.of(new Entry(pid, startedAt, port, restarts));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** When the process started, in epoch ms, or -1 when the OS does not say. */
    static long startedAt(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }
}
