package dev.slipway.workers.plugin;

import dev.slipway.api.config.Names;
import dev.slipway.archive.ArchiveException;
import dev.slipway.archive.PluginPackage;
import dev.slipway.archive.PluginZip;
import dev.slipway.messaging.PluginDelivery;
import dev.slipway.workers.isolation.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes the plugins installed through the API into this worker's plugins directory, and removes
 * them again; {@link PluginRegistry} then loads or drops them as it does any entry. Each write is
 * made beside the entry under a name starting with a dot (which the registry ignores) and renamed
 * into place. What this class wrote is recorded under {@code .installed/}: it removes only those
 * entries, never one an operator put there by hand, and replaces none of those either.
 */
final class InstalledPluginFiles {

    /** The orchestrator applies the operator's limit; this one only bounds a record that is not what it says. */
    static final long MAX_UNPACKED_BYTES = 1024L * 1024 * 1024;

    private static final String PARTIAL = ".partial";
    private static final String REMOVED = ".removed";
    /** The checksum of an entry claimed but not yet in place. */
    private static final String UNFINISHED = "unfinished";
    /** What this class leaves beside the entries while it works: {@code .<entry>.<uuid>.partial|removed}. */
    private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern.compile(
            "\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(partial|removed)");

    /** What the worker wrote for one plugin: its entry in the directory and the file's checksum. */
    record Written(String entry, String sha256) {
    }

    /** Why a delivered plugin was not written; the worker logs it and goes on. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final Path directory;
    private final Path records;

    InstalledPluginFiles(Path directory) {
        this.directory = directory;
        this.records = directory.resolve(".installed");
    }

    /** @return whether anything changed (an unchanged plugin, seen again at a restart, is left as it is) */
    boolean install(PluginDelivery delivery) throws Refused, IOException {
        String name = checkedName(delivery.name());
        PluginPackage.Kind kind;
        try {
            kind = PluginPackage.Kind.of(delivery.kind());
        } catch (ArchiveException e) {
            throw new Refused("plugin " + name + ": " + e.getMessage());
        }
        String sha256 = PluginPackage.sha256(delivery.content());
        if (!sha256.equals(delivery.sha256())) {
            throw new Refused("plugin " + name + ": its file's SHA-256 is " + sha256 + ", not the " + delivery.sha256()
                    + " it was published with; not installed");
        }
        Written before = written(name);
        String entry = kind.entryName(name);
        Path target = directory.resolve(entry);
        if (before != null && before.equals(new Written(entry, sha256)) && Files.exists(target)) {
            return false;
        }
        if ((before == null || !before.entry().equals(entry)) && Files.exists(target)) {
            throw new Refused("plugin " + name + ": " + target + " was put there by hand; it is left as it is and the "
                    + "installed plugin is not written");
        }
        // The registry makes the directory when it first scans, which may be after the first delivery.
        Files.createDirectories(directory);
        Path partial = directory.resolve("." + entry + "." + UUID.randomUUID() + PARTIAL);
        try {
            writePartial(kind, delivery.content(), partial);
            if (before != null && !before.entry().equals(entry)) {
                delete(directory.resolve(before.entry()));
            }
            // The entry is claimed before it is moved into place, and its checksum recorded only once
            // it is there: a worker killed in between writes it again at its next start, rather than
            // keep the old file under the new checksum or take its own entry for an operator's.
            record(name, new Written(entry, UNFINISHED));
            moveIntoPlace(partial, target);
            record(name, new Written(entry, sha256));
        } catch (ArchiveException e) {
            throw new Refused("plugin " + name + ": " + e.getMessage());
        } finally {
            Trees.remove(partial);
        }
        return true;
    }

    /** Removes a plugin this worker installed; one it did not install (or no longer has) is left alone. */
    boolean remove(String name) throws IOException {
        if (!Names.STRATEGY.matcher(name).matches()) {
            return false;
        }
        Written written = written(name);
        if (written == null) {
            return false;
        }
        delete(directory.resolve(written.entry()));
        Files.deleteIfExists(records.resolve(name));
        return true;
    }

    /** Removes what a worker killed while writing or removing a plugin left beside the entries. */
    void removeLeftovers() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.filter(e -> LEFTOVER.matcher(e.getFileName().toString()).matches()).toList()) {
                Trees.remove(entry);
            }
        }
    }

    /** The plugins this worker installed, by name. */
    Set<String> installed() throws IOException {
        if (!Files.isDirectory(records)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(records)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> Names.STRATEGY.matcher(n).matches())
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private static String checkedName(String name) throws Refused {
        if (name == null || !Names.STRATEGY.matcher(name).matches()) {
            throw new Refused("a plugin record's key \"" + Names.printable(String.valueOf(name))
                    + "\" is not a plugin name; ignored");
        }
        return name;
    }

    private static void writePartial(PluginPackage.Kind kind, byte[] content, Path partial)
            throws IOException, ArchiveException {
        switch (kind) {
            case DIR -> PluginZip.unpack(content, partial, MAX_UNPACKED_BYTES);
            case JAR -> Files.write(partial, content);
            case EXECUTABLE -> {
                Files.write(partial, content);
                // Run by the isolation as another user: it must be able to read and run it, not change it.
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    /** A file is renamed over the old one; a directory cannot be, so the old one is set aside first. */
    private void moveIntoPlace(Path partial, Path target) throws IOException {
        if (Files.isDirectory(partial) && Files.exists(target)) {
            delete(target);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Renamed out of the registry's sight first, so it never sees half an entry. */
    private void delete(Path entry) throws IOException {
        if (!Files.exists(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path aside = directory.resolve("." + entry.getFileName() + "." + UUID.randomUUID() + REMOVED);
        Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
        Trees.remove(aside);
    }

    private Written written(String name) throws IOException {
        Path record = records.resolve(name);
        if (!Files.isRegularFile(record)) {
            return null;
        }
        List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
        return lines.size() == 2 ? new Written(lines.get(0), lines.get(1)) : null;
    }

    private void record(String name, Written written) throws IOException {
        Files.createDirectories(records);
        Path partial = records.resolve("." + name + "." + UUID.randomUUID());
        Files.writeString(partial, written.entry() + "\n" + written.sha256() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, records.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
