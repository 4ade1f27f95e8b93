package dev.slipway.workers.isolation;

import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An app's {@code [[storage]]} directories, as every release of a build finds them. */
final class StorageLinks {

    private final Path home;
    private final Ownership files;

    StorageLinks(Path home, Ownership files) {
        this.home = home;
        this.files = files;
    }

    /**
     * Links the app's persistent directories into a sealed build, at the paths its configuration
     * names: every release of this build, and a rollback to it, finds the same files there. What the
     * build itself left at such a path is replaced, as a mount would hide it. Builds never see the
     * storage: it is the running app's, and its directories are made at the first deploy or hook.
     */
    void link(String app, List<String> paths, Optional<AppUser> user, Path tree, StageLog log)
            throws StageException {
        for (String path : paths) {
            Path at = tree;
            String[] segments = path.split("/");
            for (int i = 0; i < segments.length - 1; i++) {
                at = at.resolve(segments[i]);
                if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                    files.readableDir(at, user);
                } else if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                    // A link there could lead the host's own link out of the tree, to anywhere.
                    throw new StageException("storage path " + path + ": the build's " + tree.relativize(at)
                            + " is " + (Files.isSymbolicLink(at) ? "a link" : "a file") + ", not a directory");
                }
            }
            Path link = at.resolve(segments[segments.length - 1]);
            Path target = Isolation.storageDir(home, app, path);
            try {
                if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
                    continue;
                }
                if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    Trees.remove(link);
                    log.line("the build's " + path + " is replaced by the app's persistent storage " + path);
                }
                Files.createSymbolicLink(link, target);
            } catch (IOException e) {
                throw new StageException("cannot link storage " + path + " into " + tree + ": " + e.getMessage(), e);
            }
        }
    }
}
