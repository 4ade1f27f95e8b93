package dev.slipway.plugins.proxy.caddy;

import dev.slipway.api.Commands;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.DirectoryLock;
import dev.slipway.api.ProxyContext;
import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.ReleaseProbe;
import dev.slipway.api.Setting;
import dev.slipway.api.StageException;
import dev.slipway.api.config.Names;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Routes apps through Slipway's own Caddy, configured through its admin API: each app's route is
 * kept in {@code routes/<app>.json} and the whole configuration is loaded at once, which Caddy
 * applies entirely (without dropping a connection) or refuses, keeping the old one. A change then
 * counts only when Caddy answers for the app's domain with the new release's id; if it does not,
 * the previous route is put back and loaded again, so the previous release keeps serving.
 */
public final class CaddyProxy implements ProxyStrategy {

    static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "caddy";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                new Setting("state-dir", Setting.Type.PATH, null,
                        "Slipway's own Caddy: routes, config, admin socket, pid, logs, data"),
                new Setting("listen-port", Setting.Type.INTEGER, "8080", "port every app is served on"),
                new Setting("listen-address", Setting.Type.STRING, "0.0.0.0", "address Caddy listens on"),
                new Setting("caddy", Setting.Type.STRING, "caddy", "the caddy program"));
    }

    @Override
    public void configure(DeploymentInfo release, ProxyContext context) throws StageException {
        CaddySettings settings = CaddySettings.from(context.config());
        String route = CaddyConfig.route(release, context.domains());
        createLayout(settings);
        Path file = routeFile(settings, release.app());
        try (DirectoryLock lock = DirectoryLock.take(settings.stateDir(), "Caddy's state directory")) {
            Optional<String> previous = read(file);
            write(file, route);
            context.log().line("routing " + String.join(", ", context.domains()) + " to " + release.target()
                    + " (release " + release.releaseId() + ") in " + file);
            try {
                apply(settings, context, "app " + release.app());
            } catch (StageException e) {
                restore(file, previous, context);
                throw e;
            }
            verify(release, context.domains().get(0), settings, file, previous, context);
        }
    }

    @Override
    public void remove(String app, ProxyContext context) throws StageException {
        CaddySettings settings = CaddySettings.from(context.config());
        Path file = routeFile(settings, app);
        if (!Files.isDirectory(settings.routes())) {
            context.log().line("Caddy has no routes directory " + settings.routes() + "; app " + app + " has no routes");
            return;
        }
        try (DirectoryLock lock = DirectoryLock.take(settings.stateDir(), "Caddy's state directory")) {
            Optional<String> previous = read(file);
            if (previous.isEmpty()) {
                context.log().line("app " + app + " has no routes in Caddy; nothing to remove");
                return;
            }
            delete(file);
            context.log().line("removed " + file);
            if (!new CaddyAdmin(settings.adminSocket()).answers()) {
                context.log().line("Caddy is not running; it will start without app " + app);
                return;
            }
            try {
                apply(settings, context, "removing app " + app);
            } catch (StageException e) {
                restore(file, previous, context);
                throw e;
            }
        }
    }

    @Override
    public List<String> urls(ProxyContext context) throws StageException {
        return ProxyStrategy.httpUrls(context.domains(), ProxyStrategy.listenPort(context.config(), name()));
    }

    /** Composes the whole configuration from the routes on disk and gives it to Caddy, starting Caddy if it is not running. */
    private static void apply(CaddySettings settings, ProxyContext context, String what) throws StageException {
        String config = CaddyConfig.full(settings, routes(settings, context));
        // caddy.json is what Caddy runs: written beside, and put in place once Caddy took it.
        Path next = settings.config().resolveSibling("caddy.json.next");
        write(next, config);
        CaddyAdmin admin = new CaddyAdmin(settings.adminSocket());
        if (!admin.answers()) {
            stopWedged(settings, context);
            start(settings, next, context);
        } else {
            try {
                CaddyAdmin.Answer answer = admin.load(config);
                if (!answer.ok()) {
                    throw new StageException("Caddy refused the configuration for " + what + " (HTTP " + answer.status()
                            + "): " + answer.body() + "; Caddy keeps serving the previous configuration");
                }
            } catch (IOException e) {
                throw new StageException("could not reach Caddy's admin socket " + settings.adminSocket() + ": "
                        + e.getMessage(), e);
            }
        }
        move(next, settings.config());
        context.log().line("Caddy runs the configuration for " + what);
    }

    /**
     * A Caddy of ours that runs but does not answer on its admin socket holds the port a new one
     * needs: it is stopped, and killed if it does not stop. (Debian 12's Caddy 2.6 was seen to wedge
     * so after a panic in a reload under load.)
     */
    private static void stopWedged(CaddySettings settings, ProxyContext context) throws StageException {
        Optional<ProcessHandle> running;
        try {
            running = Files.isRegularFile(settings.pidFile())
                    ? ProcessHandle.of(Long.parseLong(Files.readString(settings.pidFile()).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            running = Optional.empty();
        }
        // Ours only: a process whose command line names our pid file. A pid reused by another process, or
        // one this worker may not inspect, is left alone.
        String ours = settings.pidFile().toString();
        Optional<ProcessHandle> caddy = running.filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(ours)).orElse(false));
        if (caddy.isEmpty()) {
            return;
        }
        ProcessHandle process = caddy.get();
        context.log().line("Caddy (pid " + process.pid() + ") does not answer on its admin socket: stopping it");
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException gone) {
                throw new StageException("Caddy (pid " + process.pid() + ") does not answer and could not be killed", gone);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new StageException("interrupted while stopping Caddy", interrupted);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException("interrupted while stopping Caddy", e);
        } catch (ExecutionException e) {
            throw new StageException("could not stop Caddy (pid " + process.pid() + "): " + e.getMessage(), e);
        }
    }

    /**
     * {@code caddy start} runs Caddy in the background and returns once it runs the configuration
     * (or failed to). In a session of its own: stopping the worker does not stop the proxy. Its
     * output goes to a file, since the Caddy it starts keeps whatever it was given open.
     */
    private static void start(CaddySettings settings, Path config, ProxyContext context) throws StageException {
        context.log().line("starting Caddy (state " + settings.stateDir() + ")");
        List<String> command = List.of("setsid", settings.binary(), "start", "--config", config.toString(),
                "--pidfile", settings.pidFile().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(settings.stateDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.log().toFile()));
        builder.environment().clear();
        builder.environment().putAll(context.env());
        // Caddy keeps certificates and its own state under these: Slipway's, not the worker user's HOME.
        builder.environment().put("XDG_DATA_HOME", settings.stateDir().resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", settings.stateDir().resolve("config").toString());
        try {
            // Nothing answers on it (asked just before, under the lock): a socket file left by a killed Caddy.
            Files.deleteIfExists(settings.adminSocket());
            Process process = builder.start();
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                Commands.destroyTree(process.toHandle());
                throw new StageException("caddy start did not return within " + START_TIMEOUT.toSeconds()
                        + " s; see " + settings.log());
            }
            if (process.exitValue() == 127) {
                throw new StageException("the caddy program (" + settings.binary() + ") was not found: install Caddy"
                        + " (bin/slipway setup --caddy, or apt-get install caddy) or set slipway.plugins.caddy.caddy");
            }
            if (process.exitValue() != 0) {
                throw new StageException("Caddy did not start with the configuration (" + Commands.describeExit(
                        process.exitValue()) + "): " + lastLines(settings.log()) + "; see " + settings.log());
            }
        } catch (IOException e) {
            throw new StageException("could not run " + settings.binary() + ": " + e.getMessage()
                    + " (install Caddy: bin/slipway setup with SLIPWAY_PROXY=caddy, or apt-get install caddy)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException("interrupted while starting Caddy", e);
        }
    }

    private static void verify(DeploymentInfo release, String domain, CaddySettings settings, Path file,
                               Optional<String> previous, ProxyContext context) throws StageException {
        Optional<String> seen = ReleaseProbe.awaitRelease(settings.probeHost(), settings.listenPort(), domain,
                release.releaseId(), VERIFY_TIMEOUT);
        if (seen.isEmpty()) {
            context.log().line("verified: http://" + domain + ":" + settings.listenPort() + "/ is served by"
                    + " release " + release.releaseId());
            return;
        }
        restore(file, previous, context);
        String failed = "Caddy did not serve release " + release.releaseId() + " for " + domain + " on "
                + settings.probeHost() + ":" + settings.listenPort() + " within " + VERIFY_TIMEOUT.toSeconds()
                + " s (last answer: " + seen.get() + ")";
        try {
            apply(settings, context, "the previous routes");
        } catch (StageException e) {
            // Caddy may still serve the unverified route: another attempt converges on the files again.
            throw StageException.retryable(failed + "; putting the previous configuration back failed too: "
                    + e.getMessage(), e);
        }
        throw new StageException(failed + "; the previous configuration was put back. Check " + settings.log()
                + " and that nothing else listens on port " + settings.listenPort());
    }

    /**
     * Every app's route, by app name: the order Caddy tries them in does not matter, as no two share a
     * domain. A file that is not one route (cut short by a crash) is set aside, so one app's broken file
     * cannot make Caddy refuse every app's configuration; that app is routed again at its next deployment.
     */
    private static List<String> routes(CaddySettings settings, ProxyContext context) throws StageException {
        try (Stream<Path> files = Files.list(settings.routes())) {
            List<String> routes = new ArrayList<>();
            for (Path route : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String text = Files.readString(route, StandardCharsets.UTF_8).strip();
                if (!CaddyConfig.isRoute(text)) {
                    Path aside = route.resolveSibling(route.getFileName() + ".broken");
                    Files.move(route, aside, StandardCopyOption.REPLACE_EXISTING);
                    context.log().line("set aside " + route + ", which is not a route (now " + aside + ")");
                    continue;
                }
                routes.add(text);
            }
            return routes;
        } catch (IOException e) {
            throw new StageException("could not read Caddy's routes in " + settings.routes() + ": " + e.getMessage(), e);
        }
    }

    /** The state directory is Slipway's alone: the admin socket in it is the key to the proxy. */
    private static void createLayout(CaddySettings settings) throws StageException {
        try {
            for (Path dir : List.of(settings.stateDir(), settings.routes(), settings.log().getParent())) {
                Files.createDirectories(dir);
            }
            Files.setPosixFilePermissions(settings.stateDir(), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new StageException("could not create Caddy's state directory " + settings.stateDir() + ": "
                    + e.getMessage() + " (check that the worker may write there)", e);
        }
    }

    private static Path routeFile(CaddySettings settings, String app) throws StageException {
        String problem = Names.appNameProblem(app);
        if (problem != null) {
            throw new StageException(problem);
        }
        return settings.routes().resolve(app + ".json");
    }

    private static void restore(Path file, Optional<String> previous, ProxyContext context) {
        try {
            if (previous.isPresent()) {
                write(file, previous.get());
            } else {
                delete(file);
            }
        } catch (StageException e) {
            context.log().line("could not put the previous route back: " + e.getMessage());
        }
    }

    private static Optional<String> read(Path file) throws StageException {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new StageException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Written beside, on disk, and renamed over: a reader never sees half a file, even after a crash. */
    private static void write(Path file, String text) throws StageException {
        try {
            Path next = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StageException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws StageException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StageException("could not move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) throws StageException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StageException("could not delete " + file + ": " + e.getMessage(), e);
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
