package dev.slipway.workers.isolation;

import dev.slipway.api.StageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One OS user per app (or per executable plugin), created on its first use. Users are made with
 * {@code useradd} in the configured uid range and recognised by their comment, so Slipway never
 * takes over, or removes, a user it did not create. They are looked up in {@code /etc/passwd},
 * where useradd writes them: every stage looks its app's user up, and a {@code getent} process
 * each time was most of a no-op stage's cost on the worker.
 */
final class AppUsers {

    /** {@code slip-<app>}, comment {@code Slipway app <app>}. */
    static final Kind APPS = new Kind("slip-", "app");
    /**
     * {@code slipway-plugin-<name>}, comment {@code Slipway plugin <name>}: never an app's user, whose
     * name has a '-' after "slip".
     */
    static final Kind PLUGINS = new Kind("slipway-plugin-", "plugin");

    /** How the users of one kind of owner are named and marked: what the owner is, "app" or "plugin". */
    record Kind(String prefix, String what) {

        String comment() {
            return "Slipway " + what + " ";
        }

        /** The prefix and the owner's name, or for a long name a prefix of it and a hash, within 32 characters. */
        String userName(String owner) {
            String name = prefix + owner;
            if (name.length() <= MAX_NAME) {
                return name;
            }
            String hash = sha256(owner).substring(0, 12);
            return name.substring(0, MAX_NAME - hash.length() - 1) + "-" + hash;
        }
    }

    /** useradd's limit on user names. */
    private static final int MAX_NAME = 32;

    private static final Path PASSWD = Path.of("/etc/passwd");

    private final Kind kind;
    private final int firstUid;
    private final int lastUid;
    private final Path passwd;

    AppUsers(Kind kind, int firstUid, int lastUid) {
        this(kind, firstUid, lastUid, PASSWD);
    }

    AppUsers(Kind kind, int firstUid, int lastUid, Path passwd) {
        this.kind = kind;
        this.firstUid = firstUid;
        this.lastUid = lastUid;
        this.passwd = passwd;
    }

    synchronized AppUser ensure(String app, Path home) throws StageException {
        String name = kind.userName(app);
        Optional<AppUser> existing = find(app);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            HostCommands.run(List.of("useradd", "-K", "UID_MIN=" + firstUid, "-K", "UID_MAX=" + lastUid,
                    "-K", "GID_MIN=" + firstUid, "-K", "GID_MAX=" + lastUid,
                    // No subordinate ids: with them an app could map other uids in a user namespace.
                    "-K", "SUB_UID_COUNT=0", "-K", "SUB_GID_COUNT=0", "--user-group", "--no-create-home",
                    "--home-dir", home.toString(), "--shell", "/usr/sbin/nologin", "--comment", kind.comment() + app, name));
        } catch (StageException e) {
            // Another worker on this host may have made it first.
            return find(app).orElseThrow(() -> new StageException("cannot create the OS user " + name + " for " + kind.what() + " "
                    + app + ": " + e.getMessage() + " (is uid range " + firstUid + "-" + lastUid
                    + ", slipway.isolation.uid-range, full?)", e));
        }
        return find(app).orElseThrow(() -> new StageException("useradd made no user " + name + " for " + kind.what() + " " + app));
    }

    /** The app's user if it exists and is Slipway's; a user of that name made by someone else is refused. */
    Optional<AppUser> find(String app) throws StageException {
        String name = kind.userName(app);
        String[] fields;
        try (Stream<String> lines = Files.lines(passwd)) {
            fields = lines.filter(line -> line.startsWith(name + ":")).findFirst().map(line -> line.split(":", -1))
                    .orElse(new String[0]);
        } catch (IOException | UncheckedIOException e) {
            throw new StageException("cannot read " + passwd + " to look up the OS user " + name + ": " + e.getMessage(), e);
        }
        if (fields.length < 7) {
            return Optional.empty();
        }
        int uid = number(fields[2]);
        int gid = number(fields[3]);
        if (!fields[4].equals(kind.comment() + app) || uid < firstUid || uid > lastUid || gid < 0) {
            throw new StageException("the OS user " + name + " exists but was not made by Slipway for " + kind.what() + " " + app
                    + " (uid " + uid + ", comment \"" + fields[4] + "\"); remove or rename it");
        }
        return Optional.of(new AppUser(name, uid, gid));
    }

    /** A uid or gid of passwd's; one that is not a number counts as outside every range. */
    private static int number(String field) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Removes the app's user and group; its processes must be gone.
     *
     * @param zombiesLeft only zombies of the user's are left, which userdel counts as running: it is told to go on
     */
    synchronized void remove(String app, boolean zombiesLeft) throws StageException {
        Optional<AppUser> user = find(app);
        if (user.isPresent()) {
            HostCommands.run(zombiesLeft ? List.of("userdel", "--force", user.get().name())
                    : List.of("userdel", user.get().name()));
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
