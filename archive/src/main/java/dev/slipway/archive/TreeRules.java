package dev.slipway.archive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

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

    private static final String ONLY = " (only files, directories and links inside the tree are allowed)";

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

    private static Kind kindOf(TarArchiveEntry raw) throws ArchiveException {
        if (raw.isSymbolicLink()) {
            return Kind.SYMLINK;
        }
        if (raw.isLink()) {
            return Kind.HARDLINK;
        }
        if (raw.isDirectory()) {
            return Kind.DIRECTORY;
        }
        if (raw.isCharacterDevice() || raw.isBlockDevice() || raw.isFIFO()) {
            throw ArchiveException.entry(raw.getName(), "is a device/fifo" + ONLY);
        }
        if (raw.isFile()) {
            return Kind.FILE;
        }
        throw ArchiveException.entry(raw.getName(), "has the unsupported tar type '" + (char) raw.getLinkFlag() + "'" + ONLY);
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
