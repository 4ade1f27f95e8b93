package dev.slipway.orchestrator.plugin;

import dev.slipway.api.config.Names;
import dev.slipway.archive.ArchiveException;
import dev.slipway.archive.PluginPackage;
import dev.slipway.messaging.WorkerAnnounced;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.Refused;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The plugins installed through the API: checked, recorded with their checksum in
 * {@code installed_plugins}, and handed to {@link PluginRelay}, which delivers them to every worker.
 */
@ApplicationScoped
public class PluginInstalls {

    /** One installed plugin, as the API shows it (without its bytes). */
    public record Installed(String name, String kind, String fileName, String sha256, String announcedChecksum, long size,
                            Instant installedAt) {
    }

    /** A plugin file as it came in: {@code name} is {@code null} when the file is to name it. */
    public record Upload(String name, PluginPackage.Kind kind, String fileName, byte[] content) {
    }

    private final Mutiny.SessionFactory sessions;
    private final PluginRelay relay;
    private final WorkerDirectory directory;
    private final Clock clock;
    private final long maxUnpackedBytes;

    public PluginInstalls(Mutiny.SessionFactory sessions, PluginRelay relay, WorkerDirectory directory, Clock clock,
                          SlipwayConfig config) {
        this.sessions = sessions;
        this.relay = relay;
        this.directory = directory;
        this.clock = clock;
        this.maxUnpackedBytes = config.pluginInstall().maxUnpackedBytes();
    }

    /**
     * Checks the file (blocking: it reads archives; call it off the event loop).
     *
     * @throws Refused INVALID saying what is wrong with the file or the name, CONFLICT for a built-in plugin's name
     */
    public Installed check(Upload upload) {
        PluginPackage.Checked checked;
        try {
            checked = PluginPackage.check(upload.kind(), upload.fileName(), upload.content(), maxUnpackedBytes);
        } catch (ArchiveException e) {
            throw Refused.invalid(e.getMessage());
        }
        String name = nameOf(upload, checked);
        boolean builtIn = directory.live().stream().flatMap(w -> w.plugins().stream())
                .anyMatch(p -> p.name().equals(name) && p.origin() == WorkerAnnounced.Origin.BUILT_IN);
        if (builtIn) {
            throw Refused.conflict("plugin \"" + name + "\" is built into the workers; "
                    + "install yours under another name");
        }
        return new Installed(name, upload.kind().id(), upload.fileName(), checked.sha256(), checked.announcedChecksum(),
                upload.content().length, clock.instant());
    }

    /** The name asked for, else the one the file gives; it must be the name a worker will load it under. */
    static String nameOf(Upload upload, PluginPackage.Checked checked) {
        String declared = checked.declaredName();
        String name = upload.name() != null ? upload.name()
                : declared != null ? declared : PluginPackage.defaultName(upload.fileName());
        if (!Names.STRATEGY.matcher(name).matches()) {
            throw Refused.invalid("plugin name \"" + Names.printable(name)
                    + "\" is not a lower-case name of at most 63 letters, digits and '-'");
        }
        if (declared != null && !declared.equals(name)) {
            throw Refused.invalid(upload.kind() == PluginPackage.Kind.EXECUTABLE
                    ? "the executable \"" + upload.fileName() + "\" is plugin \"" + Names.printable(declared)
                            + "\" by its name; it cannot be installed as \"" + name + "\""
                    : "\"" + upload.fileName() + "\" names its plugin \"" + Names.printable(declared) + "\" ("
                            + PluginPackage.NAME_ATTRIBUTE + "); install it under that name");
        }
        if (declared == null && !PluginPackage.defaultName(upload.kind().entryName(name)).equals(name)) {
            throw Refused.invalid("plugin name \"" + name + "\" ends like a version, which a worker strips from a "
                    + "file name; name the plugin in its manifest (" + PluginPackage.NAME_ATTRIBUTE + ")");
        }
        return name;
    }

    /** Records the checked plugin (replacing one of its name) and has it published. */
    public Uni<Installed> record(Installed installed, byte[] content) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        insert into installed_plugins (name, kind, file_name, sha256, announced_checksum, size_bytes, content,
                                                       installed_at, removed, published_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, false, null)
                        on conflict (name) do update set kind = excluded.kind, file_name = excluded.file_name,
                            sha256 = excluded.sha256, announced_checksum = excluded.announced_checksum,
                            size_bytes = excluded.size_bytes, content = excluded.content,
                            installed_at = excluded.installed_at, removed = false, published_at = null""")
                        .setParameter(1, installed.name())
                        .setParameter(2, installed.kind())
                        .setParameter(3, installed.fileName())
                        .setParameter(4, installed.sha256())
                        .setParameter(5, installed.announcedChecksum())
                        .setParameter(6, installed.size())
                        .setParameter(7, content)
                        .setParameter(8, installed.installedAt())
                        .executeUpdate())
                .invoke(relay::wake)
                .replaceWith(installed);
    }

    /** @throws Refused NOT_FOUND when no plugin of that name was installed through the API */
    public Uni<Void> remove(String name) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        update installed_plugins set removed = true, content = null, published_at = null
                        where name = ?1 and not removed""")
                        .setParameter(1, name)
                        .executeUpdate())
                .invoke(rows -> {
                    if (rows == 0) {
                        throw new Refused(Refused.Kind.NOT_FOUND, "no plugin named \"" + Names.printable(name)
                                + "\" was installed through the API; one put into a worker's plugins directory by hand "
                                + "is removed there");
                    }
                    relay.wake();
                })
                .replaceWithVoid();
    }

    public Uni<List<Installed>> list() {
        return sessions.withSession(session -> session.createNativeQuery("""
                        select name, kind, file_name, sha256, announced_checksum, size_bytes,
                               cast(extract(epoch from installed_at) * 1000 as bigint)
                        from installed_plugins where not removed order by name""", Object[].class)
                .getResultList()
                .map(rows -> rows.stream().map(PluginInstalls::installed).toList()));
    }

    private static Installed installed(Object[] row) {
        return new Installed((String) row[0], (String) row[1], (String) row[2], ((String) row[3]).strip(),
                ((String) row[4]).strip(), ((Number) row[5]).longValue(), Instant.ofEpochMilli(((Number) row[6]).longValue()));
    }
}
