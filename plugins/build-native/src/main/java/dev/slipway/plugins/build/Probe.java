package dev.slipway.plugins.build;

import dev.slipway.api.BuildContext;
import dev.slipway.api.Commands;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the app's own interpreter a fixed question about its tree, as the app's user, in its
 * sandbox: the host never reads a file of the app's itself (it could be a link to one of the
 * host's). What the answer says is the app's word, to be checked before it is used.
 */
final class Probe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** More than any honest answer: a tree with a million scripts gets no more of the host's memory. */
    private static final int MAX_LINES = 1000;

    private Probe() {
    }

    /**
     * The lines {@code command} prints, or none when it prints more than any honest answer has;
     * {@code command} must be a fixed program, never one built from the app's input. A failure
     * names {@code what} was asked, not the program's text, and leaves what it printed in the stage log.
     */
    static List<String> ask(BuildContext context, String what, List<String> command, Path dir) throws StageException {
        List<String> lines = new ArrayList<>();
        boolean[] cut = {false};
        try {
            Commands.run(context.sandbox(), command, dir, context.env(), line -> {
                synchronized (lines) {
                    if (lines.size() < MAX_LINES) {
                        lines.add(line);
                    } else {
                        cut[0] = true;
                    }
                }
            }, TIMEOUT);
        } catch (StageException e) {
            synchronized (lines) {
                lines.forEach(context.log()::line);
            }
            throw new StageException("asking " + command.get(0) + " " + what + ": "
                    + e.getMessage().replace(String.join(" ", command), command.get(0)), e);
        }
        synchronized (lines) {
            if (cut[0]) {
                context.log().line(command.get(0) + " answered " + what + " with more than " + MAX_LINES
                        + " lines; the answer is not used");
                return List.of();
            }
            return List.copyOf(lines);
        }
    }
}
