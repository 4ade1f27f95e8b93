package dev.slipway.workers.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.Commands;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.workers.isolation.PluginBoxes;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs one call of an executable plugin ({@code docs/plugin-protocol.md}) in its box: a clean
 * environment with only what the protocol defines, the request on stdin, the answer from stdout (at
 * most {@link #MAX_ANSWER} bytes), stderr line by line to the log, and a time limit past which the
 * call and everything it started are killed.
 */
final class PluginCalls {

    static final int MAX_ANSWER = 1 << 20;
    static final int MAX_LINE = 4096;
    static final int MAX_LINES = 10_000;

    /** What is done around the program while its box is open: lending it a tree, and taking it back. */
    interface Around {
        Around NOTHING = new Around() {
        };

        default void before(PluginBoxes.Call box) throws StageException {
        }

        default void after(PluginBoxes.Call box) throws StageException {
        }
    }

    /**
     * One call.
     *
     * @param app          the app it is for, or {@code null} (info)
     * @param deploymentId the deployment it is for, or {@code null}
     * @param workDir      where it runs and may work ({@code SLIPWAY_WORK_DIR}), or {@code null}: its own HOME
     * @param env          the protocol's variables besides the ones every call has
     * @param granted      whether it gets the host's services ({@link HostAccess})
     */
    record Invocation(String plugin, Path program, String operation, String app, UUID deploymentId, Path workDir,
                      Map<String, String> env, JsonNode request, StageLog log, Duration timeout, boolean granted,
                      Around around) {
    }

    /** What a call answered: its exit status and what it printed on stdout. */
    record Answer(String plugin, String operation, int exit, byte[] stdout) {
    }

    private final PluginBoxes boxes;
    private final HostAccess host;

    PluginCalls(PluginBoxes boxes, HostAccess host) {
        this.boxes = boxes;
        this.host = host;
    }

    PluginBoxes boxes() {
        return boxes;
    }

    /** @throws StageException when the program cannot be started, overran its time or printed too much */
    Answer run(Invocation call) throws StageException {
        String what = "plugin " + call.plugin() + " (" + call.operation() + ")";
        try (PluginBoxes.Call box = boxes.open(call.plugin(), call.app());
             HostAccess.Grant grant = call.granted() ? host.open(call.plugin(), call.deploymentId())
                     : HostAccess.none().open(call.plugin(), null)) {
            call.around().before(box);
            try {
                return start(call, what, box, grant);
            } finally {
                call.around().after(box);
            }
        }
    }

    private Answer start(Invocation call, String what, PluginBoxes.Call box, HostAccess.Grant grant)
            throws StageException {
        Map<String, String> env = new LinkedHashMap<>(box.env());
        env.putAll(grant.env());
        env.put("SLIPWAY_PROTOCOL", PluginProtocol.VERSION);
        env.put("SLIPWAY_OPERATION", call.operation());
        env.put("SLIPWAY_PLUGIN", call.plugin());
        if (call.app() != null) {
            env.put("SLIPWAY_APP", call.app());
        }
        if (call.deploymentId() != null) {
            env.put("SLIPWAY_DEPLOYMENT_ID", call.deploymentId().toString());
        }
        if (call.workDir() != null) {
            env.put("SLIPWAY_WORK_DIR", call.workDir().toString());
        }
        env.putAll(call.env());
        ProcessBuilder builder = new ProcessBuilder(box.sandbox().wrap(List.of(call.program().toString())))
                .directory((call.workDir() != null ? call.workDir() : box.home()).toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StageException(what + " could not be started: " + e.getMessage(), e);
        }
        byte[] request = call.request().toString().getBytes(StandardCharsets.UTF_8);
        Thread writer = daemon(what + " stdin", () -> write(process.getOutputStream(), request));
        Capture answer = new Capture(process.getInputStream());
        Thread reader = daemon(what + " stdout", answer);
        Thread logger = daemon(what + " stderr", () -> log(process.getErrorStream(), call.log()));
        try {
            if (!process.waitFor(call.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                Commands.destroyTree(process.toHandle());
                box.close();
                throw new StageException(what + " did not finish within " + PluginThreads.describe(call.timeout())
                        + " and was stopped with everything it started");
            }
            Commands.destroyTree(process.toHandle());
            box.close();
            reader.join(2_000);
            logger.join(2_000);
            // A process the call left behind may hold them open; nothing more is read from them.
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
        } catch (InterruptedException e) {
            Commands.destroyTree(process.toHandle());
            box.close();
            Thread.currentThread().interrupt();
            throw new StageException(what + " was interrupted and stopped", e);
        } finally {
            writer.interrupt();
        }
        if (answer.overflow) {
            throw new StageException(what + " printed more than " + MAX_ANSWER + " bytes on stdout, where only its"
                    + " JSON answer belongs (its log goes to stderr)");
        }
        return new Answer(call.plugin(), call.operation(), process.exitValue(), answer.bytes());
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // nothing more to read from it either way
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void write(OutputStream stdin, byte[] request) {
        try (stdin) {
            stdin.write(request);
        } catch (IOException e) {
            // The program need not read all of its request (accept may decide early): a closed pipe is no failure.
        }
    }

    /**
     * stderr, line by line, each cut to {@link #MAX_LINE} characters (a line is never held whole: it
     * may have no end), at most {@link #MAX_LINES} of them.
     */
    private static void log(InputStream stderr, StageLog log) {
        try (Reader in = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            int count = 0;
            StringBuilder line = new StringBuilder();
            boolean cut = false;
            for (int c = in.read(); ; c = in.read()) {
                if (c == '\n' || (c < 0 && (line.length() > 0 || cut))) {
                    if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                        line.setLength(line.length() - 1);
                    }
                    if (++count <= MAX_LINES) {
                        log.line(cut ? line + "…" : line.toString());
                    } else if (count == MAX_LINES + 1) {
                        log.line("(the plugin's further output is dropped: more than " + MAX_LINES + " lines)");
                    }
                    line.setLength(0);
                    cut = false;
                } else if (c >= 0 && line.length() < MAX_LINE) {
                    line.append((char) c);
                } else if (c >= 0) {
                    cut = true;
                }
                if (c < 0) {
                    return;
                }
            }
        } catch (IOException e) {
            log.line("(the plugin's output was lost: " + e.getMessage() + ")");
        }
    }

    /** stdout, kept up to {@link #MAX_ANSWER} bytes and read to its end, so the program never blocks on it. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean overflow;

        Capture(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (kept) {
                        if (kept.size() + n > MAX_ANSWER) {
                            overflow = true;
                        } else {
                            kept.write(buffer, 0, n);
                        }
                    }
                }
            } catch (IOException e) {
                // Closed when the call was stopped: what was read is what there is.
            }
        }

        byte[] bytes() {
            synchronized (kept) {
                return kept.toByteArray();
            }
        }
    }
}
