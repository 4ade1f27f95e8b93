package dev.slipway.orchestrator.plugin;

import dev.slipway.api.config.Names;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;

/**
 * Fetches a plugin jar by its Maven coordinates from {@code slipway.plugin-install.maven-repository}
 * (Maven Central unless set) with Maven's own resolver: the jar alone, no dependencies (a plugin with
 * libraries is installed as a directory), its checksum verified against the repository's. Each fetch
 * uses a throwaway local repository, so nothing accumulates in the orchestrator's home.
 */
@ApplicationScoped
public class MavenArtifacts {

    /** {@code group:artifact:version}, each part plain: no version range, no LATEST, nothing a path reads twice. */
    public record Coordinates(String groupId, String artifactId, String version) {

        private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

        /** @throws Refused INVALID saying what is wrong */
        public static Coordinates parse(String text) {
            String[] parts = text.split(":", -1);
            if (parts.length != 3 || Stream.of(parts).anyMatch(p -> !PART.matcher(p).matches() || p.contains(".."))
                    || parts[2].equals("LATEST") || parts[2].equals("RELEASE")) {
                throw Refused.invalid("coordinates \"" + Names.printable(text) + "\" are not group:artifact:version "
                        + "(letters, digits, '.', '_', '-'; one version, not a range)");
            }
            return new Coordinates(parts[0], parts[1], parts[2]);
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    public record Fetched(String fileName, byte[] content) {
    }

    private final RepositorySystem system = new RepositorySystemSupplier().get();
    private final RemoteRepository repository;

    @Inject
    public MavenArtifacts(SlipwayConfig config) {
        this(config.pluginInstall().mavenRepository());
    }

    MavenArtifacts(String repositoryUrl) {
        this.repository = new RemoteRepository.Builder("plugins", "default", repositoryUrl)
                .setPolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_FAIL))
                .build();
    }

    /**
     * Blocking: call it off the event loop.
     *
     * @throws Refused INVALID when the repository does not have it, TOO_LARGE when it is larger than {@code maxBytes}
     */
    public Fetched fetch(Coordinates coordinates, long maxBytes) {
        Path local = null;
        try {
            local = Files.createTempDirectory("slipway-maven-");
            DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
            session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(local.toFile())));
            session.setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL);
            var artifact = new DefaultArtifact(coordinates.groupId(), coordinates.artifactId(), "jar", coordinates.version());
            Path jar = system.resolveArtifact(session, new ArtifactRequest(artifact, List.of(repository), null))
                    .getArtifact().getFile().toPath();
            if (Files.size(jar) > maxBytes) {
                throw Refused.tooLarge(coordinates + ": "
                        + PluginResource.tooLarge(maxBytes));
            }
            return new Fetched(jar.getFileName().toString(), Files.readAllBytes(jar));
        } catch (ArtifactResolutionException e) {
            throw Refused.invalid("cannot fetch " + coordinates + " from " + repository.getUrl() + ": "
                    + Names.printable(rootCause(e).getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(local);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? e : cause;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is the system's to clean.
        }
    }
}
