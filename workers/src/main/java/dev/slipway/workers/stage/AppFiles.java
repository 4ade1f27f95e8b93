package dev.slipway.workers.stage;

import dev.slipway.api.config.Names;
import dev.slipway.workers.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.UUID;

/**
 * An app's files on the workers' side of {@code $SLIPWAY_HOME}: {@code builds/<app>/} and
 * {@code releases/<app>/}. The orchestrator decides what goes; this removes it, never following a
 * link out (an app's tree is its own to fill with anything). {@link #destroyed} is the one place
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
                removeTree(home.resolve(area).resolve(app).resolve(deployment.toString()));
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
            removeTree(home.resolve(area).resolve(app));
        }
        removeTree(home.resolve(APP_DIRS).resolve(app));
    }

    /** A name with a '/' or '..' would reach outside: app names come from the orchestrator, checked, but still. */
    private static void requireAppName(String app) {
        if (Names.appNameProblem(app) != null) {
            throw new IllegalArgumentException(Names.appNameProblem(app));
        }
    }

    /** Deletes {@code dir} and everything under it; links are removed, never followed. */
    static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                // Let the owner's own read-only directories be emptied: root could, an unprivileged worker could not.
                if (!Files.isWritable(d)) {
                    d.toFile().setWritable(true, true);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
