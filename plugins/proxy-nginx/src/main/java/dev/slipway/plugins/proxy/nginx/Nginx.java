package dev.slipway.plugins.proxy.nginx;

import dev.slipway.api.Commands;
import dev.slipway.api.StageContext;
import dev.slipway.api.StageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Slipway's own nginx master: started, tested and reloaded with the prefix's files, never the system's. */
final class Nginx {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final NginxSettings settings;
    private final StageContext context;

    Nginx(NginxSettings settings, StageContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** Creates the directories nginx writes to; it refuses to start without them. */
    void createLayout() throws StageException {
        try {
            for (String dir : List.of("conf.d", "logs", "tmp")) {
                Files.createDirectories(settings.prefix().resolve(dir));
            }
        } catch (IOException e) {
            throw new StageException("could not create the nginx prefix " + settings.prefix() + ": "
                    + e.getMessage() + " (check that the worker may write there)", e);
        }
    }

    /** The master's pid if it runs: the pid file names a live process that is an nginx. */
    Optional<ProcessHandle> master() {
        try {
            long pid = Long.parseLong(Files.readString(settings.pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("nginx")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void start() throws StageException {
        run("starting nginx (prefix " + settings.prefix() + ")");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (master().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new StageException("nginx started but wrote no pid to " + settings.pidFile() + " within "
                        + START_TIMEOUT.toSeconds() + " s; see " + settings.errorLog());
            }
            sleep(100);
        }
    }

    void test() throws StageException {
        run("nginx -t (configuration test)", "-t");
    }

    /**
     * Reloads and returns once the old worker processes have stopped accepting connections. Before
     * that, a request may still be answered with the old configuration; and if they never stop,
     * the master could not apply the new one (a port it cannot bind, say: {@code -t} does not bind).
     */
    void reload() throws StageException {
        List<ProcessHandle> old = master().map(m -> m.children().toList()).orElse(List.of());
        run("reloading nginx", "-s", "reload");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (old.stream().anyMatch(Nginx::accepting)) {
            if (System.nanoTime() > deadline) {
                throw new StageException("nginx did not switch to the new configuration within "
                        + START_TIMEOUT.toSeconds() + " s (its old workers still run); see " + settings.errorLog());
            }
            // nginx itself waits 100 ms after starting the new workers before it tells the old ones to
            // quit; polling /proc often costs little and ends the stage soon after that.
            sleep(5);
        }
    }

    /**
     * Whether an old worker may still take new connections: it is alive and has not yet retitled
     * itself "worker process is shutting down", which nginx does as it closes its listening sockets.
     */
    private static boolean accepting(ProcessHandle worker) {
        try {
            String title = Files.readString(Path.of("/proc/" + worker.pid() + "/cmdline")).replace('\0', ' ');
            return worker.isAlive() && !title.contains("shutting down");
        } catch (IOException e) {
            return false; // gone, or no /proc to ask (not Linux): nothing better to wait for
        }
    }

    void quit() throws StageException {
        run("stopping nginx", "-s", "quit");
    }

    /** Runs nginx on the prefix's files; on failure the message carries nginx's own words. */
    private void run(String what, String... args) throws StageException {
        List<String> command = new ArrayList<>(List.of(settings.binary(), "-p", settings.prefix() + "/",
                "-c", settings.conf().toString(), "-e", settings.errorLog().toString()));
        command.addAll(List.of(args));
        List<String> output = new CopyOnWriteArrayList<>();
        context.log().line(what);
        try {
            Commands.run(command, settings.prefix(), context.env(), line -> {
                output.add(line);
                context.log().line(line.startsWith("nginx: ") ? line : "nginx: " + line);
            }, COMMAND_TIMEOUT);
        } catch (StageException e) {
            String said = output.isEmpty() ? e.getMessage() : String.join("\n", output);
            throw new StageException(what + " failed: " + said, e);
        }
    }

    static void sleep(long millis) throws StageException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException("interrupted while waiting for nginx", e);
        }
    }
}
