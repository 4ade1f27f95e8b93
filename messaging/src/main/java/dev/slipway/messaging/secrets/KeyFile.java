package dev.slipway.messaging.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * The key file ({@code slipway.secrets.key-file}), read again whenever it changed: a rotation
 * appends a version and the services seal and open with it at once, without a restart. A change is
 * seen from the file's modification time, size and identity (a rename gives a new inode), one
 * {@code stat} per use. A file others can read is refused, as ssh refuses a private key.
 */
public final class KeyFile {

    private static final System.Logger LOG = System.getLogger(KeyFile.class.getName());
    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private record Stamp(FileTime modified, long size, Object identity) {
    }

    private static final Stamp MISSING = new Stamp(null, -1, null);

    private record Loaded(Stamp stamp, SecretBox box) {
    }

    private final Path path;
    private volatile Loaded loaded;
    /** A change that could not be read: told once, not at every use. */
    private volatile Stamp refused;

    /** @throws IllegalStateException when the file is missing, open to others or wrong, saying which */
    public KeyFile(Path path) {
        this.path = path;
        Stamp stamp = stamp();
        this.loaded = new Loaded(stamp, new SecretBox(read()));
    }

    /**
     * The box of the key file as it is now. A changed file that cannot be read (half copied by hand,
     * say) leaves the last good ring in use until the file is right again.
     */
    public SecretBox box() {
        Loaded current = loaded;
        Stamp now;
        try {
            now = stamp();
        } catch (IllegalStateException e) {
            return MISSING.equals(refused) ? current.box() : keep(current, MISSING, e);
        }
        if (now.equals(current.stamp()) || now.equals(refused)) {
            return current.box();
        }
        synchronized (this) {
            if (!now.equals(loaded.stamp())) {
                try {
                    loaded = new Loaded(now, new SecretBox(read()));
                    LOG.log(System.Logger.Level.INFO, "key file " + path + " read again: key versions "
                            + loaded.box().versions() + ", the newest seals");
                } catch (IllegalStateException e) {
                    return keep(loaded, now, e);
                }
            }
            return loaded.box();
        }
    }

    public Path path() {
        return path;
    }

    private SecretBox keep(Loaded current, Stamp failed, IllegalStateException e) {
        LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; still using key version "
                + current.box().newestVersion());
        refused = failed;
        return current.box();
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private IllegalStateException unreadable(IOException e) {
        return new IllegalStateException("cannot read the key file " + path + " (slipway.secrets.key-file): "
                + (e instanceof NoSuchFileException ? "no such file"
                : Objects.toString(e.getMessage(), e.getClass().getSimpleName())));
    }

    private KeyRing read() {
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new IllegalStateException("the key file " + path + " is open to others ("
                            + PosixFilePermissions.toString(permissions) + "): chmod 600 " + path);
                }
            }
            return KeyRing.parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreadable(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the key file " + path + ", " + e.getMessage());
        }
    }
}
