package dev.slipway.workers.isolation;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.StageException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who owns what under {@code $SLIPWAY_HOME}. Links are never followed: a build is the app's own
 * code and may plant a link to {@code /etc/shadow} in its tree, hoping the host chowns the target.
 */
final class Ownership {

    static final Set<PosixFilePermission> TRAVERSE_ONLY = PosixFilePermissions.fromString("rwx--x--x");
    static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> READABLE_DIR = PosixFilePermissions.fromString("rwxr-x---");
    private static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r-----");
    private static final Set<PosixFilePermission> RUNNABLE_FILE = PosixFilePermissions.fromString("rwxr-x---");

    private final UserPrincipalLookupService names = FileSystems.getDefault().getUserPrincipalLookupService();

    /** A directory that only {@code user} may use: the app's HOME, its temporary files. */
    void privateDir(Path dir, AppUser user) throws StageException {
        ownDir(dir, user, PRIVATE_DIR);
    }

    /** A directory of {@code user}'s with {@code permissions}. */
    void ownDir(Path dir, AppUser user, Set<PosixFilePermission> permissions) throws StageException {
        try {
            Files.createDirectories(dir);
            view(dir).setOwner(principal(user));
            view(dir).setGroup(group(user));
            Files.setPosixFilePermissions(dir, permissions);
        } catch (IOException e) {
            throw failure("prepare " + dir, e);
        }
    }

    /**
     * Gives what {@code from} owns in a tree to {@code to}: an app's build tree to the executable
     * plugin that builds it, and back. The tree's parent must be closed and nothing of {@code from}
     * still inside, so no directory can be swapped for a link meanwhile.
     */
    void transfer(Path tree, AppUser from, AppUser to) throws StageException {
        try (Stream<Path> paths = Files.walk(tree)) {
            UserPrincipal owner = principal(from);
            for (Path p : paths.toList()) {
                PosixFileAttributeView view = view(p);
                if (view.readAttributes().owner().equals(owner)) {
                    view.setOwner(principal(to));
                    view.setGroup(group(to));
                }
            }
        } catch (IOException e) {
            throw failure("give " + tree + " from " + from.name() + " to " + to.name(), e);
        }
    }

    /** Directories others may pass through but not list, below {@code top} down to {@code dir}. */
    void traverseOnly(Path top, Path dir) throws StageException {
        try {
            for (Path p = dir; p != null && p.startsWith(top) && !p.equals(top); p = p.getParent()) {
                Files.createDirectories(p);
                Files.setPosixFilePermissions(p, TRAVERSE_ONLY);
            }
        } catch (IOException e) {
            throw failure("set permissions of " + dir, e);
        }
    }

    /** A directory of root's that nobody else may enter, for as long as the host works below it. */
    void closed(Path dir) throws StageException {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PRIVATE_DIR);
        } catch (IOException e) {
            throw failure("close " + dir, e);
        }
    }

    /** Gives a tree the host just wrote (an unpacked source) to the app, which builds in it. */
    void handOver(Path tree, AppUser user) throws StageException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path p : paths.toList()) {
                PosixFileAttributeView view = view(p);
                view.setOwner(principal(user));
                view.setGroup(group(user));
            }
            Files.setPosixFilePermissions(tree, PRIVATE_DIR);
        } catch (IOException e) {
            throw failure("hand " + tree + " to " + user.name(), e);
        }
    }

    /**
     * Makes a built tree read-only for the app: owned by root, readable by the app's group, closed
     * to everyone else. Only what the app's user owns is touched; anything else in the tree is not
     * the app's to give away.
     */
    void seal(Path tree, AppUser user) throws StageException {
        try (Stream<Path> paths = Files.walk(tree)) {
            UserPrincipal root = names.lookupPrincipalByName("root");
            for (Path p : paths.toList()) {
                PosixFileAttributeView view = view(p);
                PosixFileAttributes attributes = view.readAttributes();
                if (!attributes.owner().equals(principal(user))) {
                    continue;
                }
                view.setOwner(root);
                view.setGroup(group(user));
                if (attributes.isDirectory()) {
                    Files.setPosixFilePermissions(p, READABLE_DIR);
                } else if (attributes.isRegularFile()) {
                    boolean runnable = attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
                    Files.setPosixFilePermissions(p, runnable ? RUNNABLE_FILE : READABLE_FILE);
                }
            }
        } catch (IOException e) {
            throw failure("make " + tree + " read-only for " + user.name(), e);
        }
    }

    /** A directory of root's in a sealed tree that the app may read, as {@link #seal} leaves its own. */
    void readableDir(Path dir, Optional<AppUser> user) throws StageException {
        try {
            Files.createDirectory(dir);
            if (user.isPresent()) {
                view(dir).setGroup(group(user.get()));
                Files.setPosixFilePermissions(dir, READABLE_DIR);
            }
        } catch (IOException e) {
            throw failure("create " + dir, e);
        }
    }

    /** A file the host keeps for the app (its process log): the app may read it, not change it. */
    void hostFileForApp(Path file, AppUser user) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(READABLE_FILE));
        }
        view(file).setGroup(group(user));
        Files.setPosixFilePermissions(file, READABLE_FILE);
    }

    /** The entries of {@code path} that any user can search: the others would only fail an app's lookups. */
    static String reachablePath(String path) {
        List<String> kept = new ArrayList<>();
        for (String entry : (path == null ? "" : path).split(":")) {
            if (entry.startsWith("/") && !kept.contains(entry) && worldSearchable(Path.of(entry))) {
                kept.add(entry);
            }
        }
        return kept.isEmpty() ? BuildArtifact.DEFAULT_PATH : String.join(":", kept);
    }

    private static boolean worldSearchable(Path dir) {
        try {
            for (Path p = dir.toRealPath(); p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static PosixFileAttributeView view(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }

    private UserPrincipal principal(AppUser user) throws IOException {
        return names.lookupPrincipalByName(user.name());
    }

    private GroupPrincipal group(AppUser user) throws IOException {
        return names.lookupPrincipalByGroupName(user.name());
    }

    private static StageException failure(String what, IOException e) {
        return new StageException("cannot " + what + ": " + e.getMessage(), e);
    }
}
