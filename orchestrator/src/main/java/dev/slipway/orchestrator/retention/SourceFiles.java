package dev.slipway.orchestrator.retention;

import dev.slipway.orchestrator.SlipwayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/** The orchestrator's own files: source archives under {@code $SLIPWAY_HOME/sources}. Blocking. */
@ApplicationScoped
public class SourceFiles {

    private static final Logger LOG = Logger.getLogger(SourceFiles.class);

    private final Path sources;

    public SourceFiles(SlipwayConfig config) {
        this.sources = config.home().resolve("sources").toAbsolutePath().normalize();
    }

    /** Deletes these archives; a path outside the sources directory is left alone (rows are data, not orders). */
    public void remove(List<Path> files) {
        for (Path file : files) {
            Path normal = file.toAbsolutePath().normalize();
            if (!normal.getParent().equals(sources)) {
                LOG.warnf("not removing %s: it is not under %s", normal, sources);
                continue;
            }
            try {
                Files.deleteIfExists(normal);
            } catch (IOException e) {
                LOG.warnf("cannot remove source archive %s: %s", normal, e.getMessage());
            }
        }
    }
}
