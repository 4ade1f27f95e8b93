package dev.slipway.plugins.proxy.nginx;

import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.DirectoryLock;
import dev.slipway.api.ProxyContext;
import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.ReleaseProbe;
import dev.slipway.api.Setting;
import dev.slipway.api.StageException;
import dev.slipway.api.config.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Routes apps through Slipway's own nginx, kept under a prefix directory apart from the system's:
 * one {@code conf.d/<app>.conf} per app. A change is tested with {@code nginx -t}, reloaded, and
 * then checked from outside: nginx must answer for the app's domain with the new release's id.
 * Whatever fails, the files are put back as they were, so the previous routing keeps serving.
 */
public final class NginxProxy implements ProxyStrategy {

    static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(15);

    @Override
    public String name() {
        return "nginx";
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                new Setting("prefix", Setting.Type.PATH, null, "Slipway's own nginx root: config, pid, logs, temp files"),
                new Setting("listen-port", Setting.Type.INTEGER, "8080", "port every app is served on"),
                new Setting("listen-address", Setting.Type.STRING, "0.0.0.0", "address nginx listens on"),
                new Setting("nginx", Setting.Type.STRING, "nginx", "the nginx program"),
                new Setting("user", Setting.Type.STRING, null, "user of nginx's worker processes when it runs as root"));
    }

    @Override
    public void configure(DeploymentInfo release, ProxyContext context) throws StageException {
        NginxSettings settings = NginxSettings.from(context.config());
        Path site = siteFile(settings, release.app());
        String server = NginxConfig.server(release, context.domains(), settings);
        Nginx nginx = new Nginx(settings, context);
        nginx.createLayout();
        try (DirectoryLock lock = DirectoryLock.take(settings.prefix(), "the nginx prefix")) {
            ConfChange change = new ConfChange();
            try {
                if (change.write(settings.conf(), NginxConfig.main(settings))) {
                    context.log().line("wrote " + settings.conf());
                }
                change.write(site, server);
            } catch (IOException e) {
                undo(change, context);
                throw new StageException("could not write " + site + ": " + e.getMessage(), e);
            }
            context.log().line("routing " + String.join(", ", context.domains()) + " to " + release.target()
                    + " (release " + release.releaseId() + ") in " + site);
            apply(nginx, change, context, "app " + release.app());
            verify(release, context.domains().get(0), settings, nginx, change, context);
        }
    }

    @Override
    public void remove(String app, ProxyContext context) throws StageException {
        NginxSettings settings = NginxSettings.from(context.config());
        Path site = siteFile(settings, app);
        if (!Files.isDirectory(settings.prefix())) {
            context.log().line("nginx prefix " + settings.prefix() + " does not exist; app " + app + " has no routes");
            return;
        }
        Nginx nginx = new Nginx(settings, context);
        try (DirectoryLock lock = DirectoryLock.take(settings.prefix(), "the nginx prefix")) {
            ConfChange change = new ConfChange();
            try {
                if (!change.delete(site)) {
                    context.log().line("app " + app + " has no routes in nginx; nothing to remove");
                    return;
                }
            } catch (IOException e) {
                throw new StageException("could not delete " + site + ": " + e.getMessage(), e);
            }
            context.log().line("removed " + site);
            try {
                // The copy kept to restore a failed change: the app is gone, so is what it had.
                Files.deleteIfExists(site.resolveSibling(site.getFileName() + ".previous"));
            } catch (IOException e) {
                context.log().line("could not delete " + site + ".previous: " + e.getMessage());
            }
            if (nginx.master().isEmpty()) {
                context.log().line("nginx is not running; it will start without app " + app);
                return;
            }
            apply(nginx, change, context, "removing app " + app);
        }
    }

    @Override
    public List<String> urls(ProxyContext context) throws StageException {
        return ProxyStrategy.httpUrls(context.domains(), ProxyStrategy.listenPort(context.config(), name()));
    }

    /** Tests the files as they are now, then starts or reloads nginx; undoes the change if either fails. */
    private void apply(Nginx nginx, ConfChange change, ProxyContext context, String what) throws StageException {
        try {
            nginx.test();
            if (nginx.master().isPresent()) {
                nginx.reload();
            } else {
                nginx.start();
            }
        } catch (StageException e) {
            undo(change, context);
            throw new StageException("nginx refused the configuration for " + what + "; the previous configuration"
                    + " was put back and keeps serving. " + e.getMessage(), e);
        }
    }

    private void verify(DeploymentInfo release, String domain, NginxSettings settings, Nginx nginx,
                        ConfChange change, ProxyContext context) throws StageException {
        Optional<String> seen = ReleaseProbe.awaitRelease(settings.probeHost(), settings.listenPort(), domain,
                release.releaseId(), VERIFY_TIMEOUT);
        if (seen.isEmpty()) {
            context.log().line("verified: http://" + domain + ":" + settings.listenPort() + "/ is served by"
                    + " release " + release.releaseId());
            return;
        }
        undo(change, context);
        try {
            nginx.test();
            nginx.reload();
        } catch (StageException e) {
            context.log().line("could not reload the previous configuration: " + e.getMessage());
        }
        throw new StageException("nginx did not serve release " + release.releaseId() + " for " + domain + " on "
                + settings.probeHost() + ":" + settings.listenPort() + " within " + VERIFY_TIMEOUT.toSeconds()
                + " s (last answer: " + seen.get() + "); the previous configuration was put back. Check "
                + settings.errorLog() + " and that nothing else listens on port " + settings.listenPort());
    }

    private static void undo(ConfChange change, ProxyContext context) {
        try {
            change.undo();
        } catch (IOException e) {
            context.log().line("could not put the previous nginx configuration back: " + e.getMessage());
        }
    }

    private static Path siteFile(NginxSettings settings, String app) throws StageException {
        String problem = Names.appNameProblem(app);
        if (problem != null) {
            throw new StageException(problem);
        }
        return settings.confDir().resolve(app + ".conf");
    }
}
