package dev.slipway.workers.plugin;

import dev.slipway.api.StageLog;
import dev.slipway.messaging.WorkerAnnounced;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Turns a deployment's pins (plugin name → checksum) into the strategies of one of its stages:
 * each pinned plugin in exactly that version, found as the current one, a replaced one still
 * loaded ({@link PluginVersions}), or one loaded again from the copy its loader kept by checksum.
 */
final class PinnedVersions {

    private static final Logger LOG = Logger.getLogger(PinnedVersions.class);
    private static final java.util.regex.Pattern CHECKSUM = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final PluginVersions versions;
    private final List<PluginLoader> loaders;
    private final PluginSettings reader;

    PinnedVersions(PluginVersions versions, List<PluginLoader> loaders, PluginSettings reader) {
        this.versions = versions;
        this.loaders = loaders;
        this.reader = reader;
    }

    /**
     * @param set       the worker's current plugins
     * @param directory the loaded plugins of its plugins directory: the stage holds them, and the pinned versions
     */
    StagePlugins stage(PluginRegistry registry, PluginSet set, List<FoundPlugin> directory, Map<String, String> pins,
                       StageLog log) {
        Map<String, PluginSet> pinned = new TreeMap<>();
        Map<String, String> unavailable = new TreeMap<>();
        List<FoundPlugin> held = new ArrayList<>(directory);
        new TreeMap<>(pins).forEach((name, checksum) -> {
            WorkerAnnounced.Plugin now = set.description(name);
            if (now != null && checksum.equals(now.checksum())) {
                return;
            }
            String wanted = "plugin " + name + " sha256 " + shortSum(checksum)
                    + " (the version this deployment was accepted with)";
            FoundPlugin version = CHECKSUM.matcher(checksum).matches() ? version(name, checksum) : null;
            PluginSet alone = version == null ? null : alone(version);
            String problem = alone == null ? null : alone.description(name).problem();
            if (alone == null || problem != null) {
                unavailable.put(name, wanted + (alone == null ? " is not on this worker" : " is refused here: " + problem)
                        + (now == null ? ", and no other version is installed" : "; it has " + now.version()
                        + ", sha256 " + shortSum(now.checksum()))
                        + ": the stage cannot use it; deploy again to use what is installed now");
                log.line(unavailable.get(name));
                return;
            }
            held.add(version);
            pinned.put(name, alone);
            log.line(wanted + " is used, not " + (now == null ? "none (it was removed since)"
                    : now.version() + " sha256 " + shortSum(now.checksum()) + " installed since"));
        });
        versions.hold(held);
        return new StagePlugins(registry, set, pinned, unavailable, () -> versions.release(held));
    }

    /** The pinned version as a set of its own, or null when it cannot be made one (it answers differently when asked again). */
    private PluginSet alone(FoundPlugin version) {
        try {
            return new PluginSet(List.of(version), reader);
        } catch (RuntimeException | LinkageError e) {
            LOG.errorf("plugin %s sha256 %s cannot be used again: %s", version.name(), version.description().checksum(), e);
            return null;
        }
    }

    private static String shortSum(String checksum) {
        return checksum == null ? "none" : checksum.substring(0, Math.min(12, checksum.length()));
    }

    /** The version of {@code name} with {@code checksum}: still loaded, or loaded again from its kept copy; null if neither. */
    private FoundPlugin version(String name, String checksum) {
        Optional<FoundPlugin> retired = versions.retired(name, checksum);
        if (retired.isPresent()) {
            return retired.get();
        }
        for (PluginLoader loader : loaders) {
            List<Path> kept;
            try {
                kept = loader.kept(checksum);
            } catch (IOException e) {
                LOG.warnf("the kept copies of sha256 %s cannot be listed: %s", checksum, e.getMessage());
                continue;
            }
            for (Path entry : kept) {
                FoundPlugin found = loader.load(entry);
                if (found.loaded()) {
                    // Retired from the start: dropped, its class loader closed, once no stage uses it.
                    versions.reloaded(found);
                }
                if (found.name().equals(name) && checksum.equals(found.description().checksum())) {
                    return found;
                }
            }
        }
        return null;
    }
}
