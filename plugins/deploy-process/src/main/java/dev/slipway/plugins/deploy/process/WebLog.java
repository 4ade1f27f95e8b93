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
 * The web process's output file, read from where this release started writing: earlier attempts
 * of the same deployment append to the same file.
 */
final class WebLog {

    private final Path file;
    private long copied;
    private final List<String> lines = new ArrayList<>();

    WebLog(Path file) throws IOException {
        this.file = file;
        this.copied = Files.exists(file) ? Files.size(file) : 0;
    }

    /** Sends the complete lines written since the last call to {@code log}. */
    void copyNewLines(StageLog log) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= copied) {
                return;
            }
            byte[] bytes = new byte[(int) Math.min(length - copied, 1 << 20)];
            in.seek(copied);
            in.readFully(bytes);
            int end = lastNewline(bytes);
            if (end < 0 && bytes.length < 1 << 20) {
                return; // wait for the rest of the line
            }
            int upTo = end < 0 ? bytes.length : end + 1;
            copied += upTo;
            for (String line : new String(bytes, 0, upTo, StandardCharsets.UTF_8).split("\\R")) {
                lines.add(line);
                log.line("web: " + line);
            }
        } catch (IOException e) {
            log.line("(web.log could not be read: " + e.getMessage() + ")");
        }
    }

    /** The last {@code count} lines this release wrote, unfinished last line included, for error messages. */
    String tail(int count) {
        List<String> all = new ArrayList<>(lines);
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] rest = new byte[(int) Math.min(Math.max(in.length() - copied, 0), 1 << 16)];
            in.seek(copied);
            in.readFully(rest);
            all.addAll(List.of(new String(rest, StandardCharsets.UTF_8).split("\\R")));
        } catch (IOException e) {
            all.add("(web.log could not be read: " + e.getMessage() + ")");
        }
        all.removeIf(String::isBlank);
        List<String> last = all.subList(Math.max(0, all.size() - count), all.size());
        return last.isEmpty() ? "(no output)" : String.join("\n", last);
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
