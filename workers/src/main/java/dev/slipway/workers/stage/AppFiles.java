package dev.slipway.workers.stage;

import dev.slipway.api.config.Names;
import dev.slipway.workers.isolation.Trees;
import dev.slipway.workers.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * An app's files on the workers' side of {@code $SLIPWAY_HOME}: {@code builds/<app>/},
 * {@code releases/<app>/} and {@code apps/<app>/} (its HOME, TMPDIR and persistent storage). The
 * orchestrator decides what goes; this removes it, never following a link out (an app's tree is
 * its own to fill with anything). {@link #destroyed} is the one place
 * where an app's files on a worker end; its OS user goes with them (see the deploy stage).
 */
@ApplicationScoped
public class AppFiles {

    private static final List<String> AREAS = List.of("builds", "releases");
    /** Where the app's own HOME and TMPDIR are. */
    private static final String APP_DIRS = "apps";

    private final Path home;

    @Inject
    public AppFiles(WorkerConfig config) {
        this(config.home());
    }

    AppFiles(Path home) {
        this.home = home;
    }

    /** The build and release directories of these deployments of {@code app}. */
    void removeDeployments(String app, List<UUID> deployments) throws IOException {
        requireAppName(app);
        for (UUID deployment : deployments) {
            for (String area : AREAS) {
                Trees.remove(home.resolve(area).resolve(app).resolve(deployment.toString()));
            }
        }
    }

    /**
     * The app was deleted and its release stopped: all its files go. Add here whatever else a
     * worker keeps per app, so that deleting an app removes it.
     */
    void destroyed(String app) throws IOException {
        requireAppName(app);
        for (String area : AREAS) {
            Trees.remove(home.resolve(area).resolve(app));
        }
        Trees.remove(home.resolve(APP_DIRS).resolve(app));
    }

    /** A name with a '/' or '..' would reach outside: app names come from the orchestrator, checked, but still. */
    private static void requireAppName(String app) {
        if (Names.appNameProblem(app) != null) {
            throw new IllegalArgumentException(Names.appNameProblem(app));
        }
    }
}
