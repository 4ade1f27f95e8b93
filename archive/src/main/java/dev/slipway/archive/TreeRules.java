package dev.slipway.archive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The rules every entry of a source archive must keep, with what the archive has shown so far.
 * Paths are normalised; nothing may leave the tree, by {@code ..}, by an absolute path or by a
 * link; only files, directories and links exist; nothing lies inside a file or a symlink, so that
 * a writer never has to go through a link; a hard link names a file earlier in the archive.
 * Symlinks are resolved against the whole tree in {@link #finish()}, once all of them are known.
 */
final class TreeRules {

    /** At most this many symlinks are followed resolving one, as Linux does. */
    private static final int MAX_FOLLOWS = 40;

    private static final String ONLY = "; only files, directories and links inside the tree are allowed";

    enum Kind {
        FILE("file"), DIRECTORY("directory"), SYMLINK("symlink"), HARDLINK("hard link");

        final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    /** A checked entry: its normalised path, and for links the target as the archive gives it. */
    record Entry(String path, Kind kind, String link, long size, int mode) {
        boolean executable() {
            return (mode & 0100) != 0;
        }
    }

    private final Map<String, Kind> kinds = new HashMap<>();
    private final Set<String> parents = new HashSet<>();
    private final Map<String, String> symlinks = new LinkedHashMap<>();

    /** Checks one entry; {@code null} for the root directory itself ({@code ./}), which needs nothing. */
    Entry check(TarArchiveEntry raw) throws ArchiveException {
        String name = raw.getName();
        if (name.isEmpty()) {
            throw new ArchiveException("archive has an entry without a name");
        }
        Kind kind = kindOf(raw);
        if (name.startsWith("/")) {
            throw ArchiveException.entry(name, "is an absolute path");
        }
        String path = EntryPath.normalise(name);
        if (path == null) {
            throw ArchiveException.entry(name, "escapes the source tree");
        }
        if (path.isEmpty()) {
            if (kind != Kind.DIRECTORY) {
                throw ArchiveException.entry(name, "is the root of the tree but not a directory");
            }
            return null;
        }
        checkPlace(name, path, kind);
        String link = switch (kind) {
            case SYMLINK -> symlinkTarget(name, path, raw.getLinkName());
            case HARDLINK -> hardLinkTarget(name, raw.getLinkName());
            default -> null;
        };
        kinds.put(path, kind);
        parents.addAll(EntryPath.ancestors(path));
        if (kind == Kind.SYMLINK) {
            symlinks.put(path, link);
        }
        return new Entry(path, kind, link, raw.getSize(), raw.getMode());
    }

    /** Resolves every symlink through the others: none may end outside the tree or loop. */
    void finish() throws ArchiveException {
        for (Map.Entry<String, String> link : symlinks.entrySet()) {
            if (follow(link.getKey(), link.getKey(), new int[] {MAX_FOLLOWS}) == null) {
                throw outside(link.getKey(), link.getValue());
            }
        }
    }

    /**
     * An allow-list by tar type: regular files, directories, symlinks and hard links. Everything
     * else names the entry and its type — devices and FIFOs would give a build access to the host,
     * sparse and multi-volume files are not a source tree's, and an unknown type is refused rather
     * than read as a file (which is what tar readers commonly do with it). Pax and GNU long-name
     * headers never reach here: the reader applies them to the entry they describe.
     */
    private static Kind kindOf(TarArchiveEntry raw) throws ArchiveException {
        byte type = raw.getLinkFlag();
        if (raw.isSparse() || raw.getExtraPaxHeaders().keySet().stream().anyMatch(TreeRules::isSparseHeader)) {
            throw refusedType(raw, "a sparse file");
        }
        switch (type) {
            case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM:
                // Old tars mark directories by the trailing slash alone.
                return raw.getName().endsWith("/") ? Kind.DIRECTORY : Kind.FILE;
            case TarConstants.LF_DIR:
                return Kind.DIRECTORY;
            case TarConstants.LF_SYMLINK:
                return Kind.SYMLINK;
            case TarConstants.LF_LINK:
                return Kind.HARDLINK;
            default:
                throw refusedType(raw, REFUSED_TYPES.getOrDefault(type, "of an unknown kind"));
        }
    }

    private static final Map<Byte, String> REFUSED_TYPES = Map.ofEntries(
            Map.entry(TarConstants.LF_CHR, "a character device"),
            Map.entry(TarConstants.LF_BLK, "a block device"),
            Map.entry(TarConstants.LF_FIFO, "a FIFO"),
            Map.entry(TarConstants.LF_CONTIG, "a contiguous file"),
            Map.entry(TarConstants.LF_GNUTYPE_SPARSE, "a sparse file"),
            Map.entry((byte) 'D', "a GNU dump directory"),
            Map.entry((byte) 'M', "a multi-volume continuation"),
            Map.entry((byte) 'V', "a volume header"),
            Map.entry((byte) 'N', "an old GNU long-name entry"),
            Map.entry(TarConstants.LF_PAX_EXTENDED_HEADER_LC, "a pax header"),
            Map.entry(TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER, "a pax global header"));

    /** GNU's and star's pax keys for sparse files, whether or not the reader understood them. */
    private static boolean isSparseHeader(String key) {
        return key.startsWith("GNU.sparse.") || key.equals("SCHILY.realsize") || key.startsWith("SUN.holesdata");
    }

    private static ArchiveException refusedType(TarArchiveEntry raw, String what) {
        byte type = raw.getLinkFlag();
        String shown = type >= 0x21 && type <= 0x7e ? "'" + (char) type + "'" : String.format("0x%02x", type & 0xff);
        return ArchiveException.entry(raw.getName(), "is " + what + " (tar type " + shown + ")" + ONLY);
    }

    private void checkPlace(String name, String path, Kind kind) throws ArchiveException {
        for (String ancestor : EntryPath.ancestors(path)) {
            Kind holder = kinds.get(ancestor);
            if (holder != null && holder != Kind.DIRECTORY) {
                throw ArchiveException.entry(name, "is inside \"" + ancestor + "\", which is a " + holder.noun
                        + " (only directories can hold entries)");
            }
        }
        Kind earlier = kinds.get(path);
        if (earlier != null && !(earlier == Kind.DIRECTORY && kind == Kind.DIRECTORY)) {
            throw ArchiveException.entry(name, "appears twice in the archive");
        }
        if (kind != Kind.DIRECTORY && parents.contains(path)) {
            throw ArchiveException.entry(name, "is a " + kind.noun + " but earlier entries are inside it");
        }
    }

    private static String symlinkTarget(String name, String path, String target) throws ArchiveException {
        if (target.isEmpty()) {
            throw ArchiveException.entry(name, "is a link without a target");
        }
        if (target.startsWith("/") || EntryPath.resolve(EntryPath.parentParts(path), target) == null) {
            throw outside(name, target);
        }
        return target;
    }

    private String hardLinkTarget(String name, String target) throws ArchiveException {
        String resolved = target.startsWith("/") ? null : EntryPath.normalise(target);
        if (resolved == null) {
            throw outside(name, target);
        }
        Kind kind = kinds.get(resolved);
        if (kind != Kind.FILE && kind != Kind.HARDLINK) {
            throw ArchiveException.entry(name, "is a hard link to \"" + target + "\", which is not a file earlier in the archive");
        }
        return resolved;
    }

    /** Where the symlink at {@code link} ends, following the others; {@code null} if outside the tree. */
    private String follow(String top, String link, int[] budget) throws ArchiveException {
        List<String> parts = new ArrayList<>(EntryPath.parentParts(link));
        for (String part : symlinks.get(link).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(part);
            String here = String.join("/", parts);
            if (symlinks.containsKey(here)) {
                if (--budget[0] < 0) {
                    throw ArchiveException.entry(top, "is a link that loops or goes through more than " + MAX_FOLLOWS + " links");
                }
                String end = follow(top, here, budget);
                if (end == null) {
                    return null;
                }
                parts = new ArrayList<>(EntryPath.parts(end));
            }
        }
        return String.join("/", parts);
    }

    private static ArchiveException outside(String name, String target) {
        return ArchiveException.entry(name, "is a link to \"" + target + "\" outside the source tree");
    }
}
