package dev.slipway.workers.isolation;

import dev.slipway.api.Commands;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app's {@code [[storage]]} directories: {@code apps/<app>/storage/<path>}, each owned by the
 * app's user, everything above it root's. The app may put links anywhere inside its own; so root
 * never works below a storage directory, and refuses one that would lie inside or around another
 * an earlier release kept (the app's own directory would then be on root's way).
 */
final class AppStorage {

    private static final Duration REMOVAL_TIMEOUT = Duration.ofMinutes(10);

    private final Path home;
    private final Ownership files;

    AppStorage(Path home, Ownership files) {
        this.home = home;
        this.files = files;
    }

    Path root(String app) {
        return home.resolve("apps").resolve(app).resolve("storage");
    }

    Path dir(String app, String path) {
        return root(app).resolve(path);
    }

    /** Makes the directory {@code path} of {@code user}'s, or checks the one there is. */
    void prepare(String app, String path, AppUser user) throws StageException {
        Path root = root(app);
        files.traverseOnly(home, root); // below apps/<app>, which is root's: no link of the app's on the way
        String[] segments = path.split("/");
        Path at = root;
        try {
            for (int i = 0; i < segments.length - 1; i++) {
                at = at.resolve(segments[i]);
                if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(at);
                    Files.setPosixFilePermissions(at, Ownership.TRAVERSE_ONLY);
                    continue;
                }
                requireDirectory(root, path, at);
                if (uid(at) != 0) {
                    throw new StageException("storage path " + path + " lies inside " + root.relativize(at)
                            + ", the persistent storage of an earlier release; remove that first (slip storage:rm "
                            + app + " " + root.relativize(at) + ") or choose a path beside it");
                }
            }
            Path dir = at.resolve(segments[segments.length - 1]);
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir);
            } else {
                requireDirectory(root, path, dir);
                if (uid(dir) == 0) {
                    throw new StageException("storage path " + path + " holds the persistent storage of an earlier"
                            + " release inside it; remove that first (slip storage:rm) or choose a path beside it");
                }
            }
            files.privateDir(dir, user); // a real directory in one of root's: nothing to follow
        } catch (IOException e) {
            throw new StageException("cannot prepare storage " + path + " of " + app + ": " + e.getMessage(), e);
        }
    }

    /** {@code at} must be a directory, not a link to one. */
    private static void requireDirectory(Path root, String path, Path at) throws StageException {
        if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
            throw new StageException("storage path " + path + ": " + root.relativize(at) + " is not a directory");
        }
    }

    /**
     * Removes the directory {@code path} and all in it. What is inside is the app's, emptied as the
     * app's own user (who may still be changing it: a root walk could be led out by a link swapped
     * in meanwhile); then root removes the empty directory and those of its own above it.
     */
    void remove(String app, String path, Optional<AppSandbox> asTheApp) throws StageException {
        Path dir = dir(app, path);
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (asTheApp.isEmpty()) {
                Trees.remove(dir);
            } else {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || uid(dir) == 0) {
                    throw new StageException("storage path " + path + " of " + app + " is not one of the app's"
                            + " storage directories");
                }
                Commands.run(asTheApp.get(), List.of("find", dir.toString(), "-mindepth", "1", "-delete"), Path.of("/"),
                        Map.of("PATH", "/usr/bin:/bin"), StageLog.discard(), REMOVAL_TIMEOUT);
                Files.delete(dir);
            }
            for (Path up = dir.getParent(); !up.equals(root(app)); up = up.getParent()) {
                Files.delete(up); // root's own, empty once no other storage lies below
            }
        } catch (DirectoryNotEmptyException e) {
            // Another storage directory lies below, or the app wrote again meanwhile: it stays.
        } catch (IOException e) {
            throw new StageException("cannot remove storage " + path + " of " + app + ": " + e.getMessage(), e);
        }
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
            Path target = dir(app, path);
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

    private static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }
}
