package dev.slipway.plugins.deploy.process;

import dev.slipway.api.StageLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A process's output file, read from where this start of it began writing: earlier attempts of
 * the same deployment, and earlier runs of a restarted process, append to the same file.
 */
final class ProcessLog {

    private static final int MAX_TAIL_BYTES = 1 << 16;

    private final Path file;
    private final String prefix;
    private long copied;
    private final List<String> lines = new ArrayList<>();

    ProcessLog(Path file, String name) throws IOException {
        this.file = file;
        this.prefix = name + ": ";
        this.copied = end(file);
    }

    /** Where {@code file} ends now: what a process started next writes comes after. */
    static long end(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** The complete lines of a log after {@code offset}, and the offset after them. */
    record Chunk(List<String> lines, long next) {
    }

    /**
     * The complete lines written after {@code offset}, at most 1 MiB of them; a line longer than
     * that is taken in pieces rather than waited for.
     */
    static Chunk after(Path file, long offset) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return new Chunk(List.of(), offset);
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
            in.seek(offset);
            in.readFully(bytes);
            int end = lastNewline(bytes);
            if (end < 0 && bytes.length < 1 << 20) {
                return new Chunk(List.of(), offset); // wait for the rest of the line
            }
            int upTo = end < 0 ? bytes.length : end + 1;
            return new Chunk(List.of(new String(bytes, 0, upTo, StandardCharsets.UTF_8).split("\\R")), offset + upTo);
        }
    }

    /** Sends the complete lines written since the last call to {@code log}. */
    void copyNewLines(StageLog log) {
        try {
            Chunk chunk = after(file, copied);
            copied = chunk.next();
            for (String line : chunk.lines()) {
                lines.add(line);
                log.line(prefix + line);
            }
        } catch (IOException e) {
            log.line("(" + file.getFileName() + " could not be read: " + e.getMessage() + ")");
        }
    }

    /** The last {@code count} lines this start wrote, unfinished last line included, for error messages. */
    String tail(int count) {
        List<String> all = new ArrayList<>(lines);
        all.addAll(linesAfter(file, copied));
        List<String> last = last(all, count);
        return last.isEmpty() ? "(no output)" : String.join("\n", last);
    }

    /** The last {@code count} non-blank lines of {@code file} (of its last 64 KiB), for a crash report. */
    static List<String> lastLines(Path file, int count) {
        try {
            long size = Files.exists(file) ? Files.size(file) : 0;
            List<String> all = linesAfter(file, Math.max(0, size - MAX_TAIL_BYTES));
            if (size > MAX_TAIL_BYTES && !all.isEmpty()) {
                all.remove(0); // most likely cut in the middle
            }
            return last(all, count);
        } catch (IOException e) {
            return List.of("(" + file.getFileName() + " could not be read: " + e.getMessage() + ")");
        }
    }

    private static List<String> linesAfter(Path file, long offset) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] rest = new byte[(int) Math.min(Math.max(in.length() - offset, 0), MAX_TAIL_BYTES)];
            in.seek(offset);
            in.readFully(rest);
            return new ArrayList<>(List.of(new String(rest, StandardCharsets.UTF_8).split("\\R")));
        } catch (IOException e) {
            return new ArrayList<>(List.of("(" + file.getFileName() + " could not be read: " + e.getMessage() + ")"));
        }
    }

    private static List<String> last(List<String> all, int count) {
        List<String> kept = new ArrayList<>(all);
        kept.removeIf(String::isBlank);
        return List.copyOf(kept.subList(Math.max(0, kept.size() - count), kept.size()));
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
