package dev.slipway.orchestrator.deployment;

import dev.slipway.api.Commands;
import dev.slipway.api.StageException;
import dev.slipway.archive.SourceArchive;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches a deployment's source from a git repository into a .tar.gz, which then goes through the
 * same intake as an upload. Git runs with an argument array and only the protocols the operator
 * allows ({@code GIT_ALLOW_PROTOCOL}): {@code ext::} and friends would run commands. Blocking.
 */
@ApplicationScoped
public class GitSource {

    /** Body of a deployment request from git; {@code ref} absent = the default branch. */
    public record Request(String git, String ref) {
    }

    private static final Pattern REF = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._/-]{0,199}");
    private static final Duration CLONE_TIMEOUT = Duration.ofMinutes(5);
    /** What git needs from the orchestrator's own environment: tools, CA bundles, proxies. */
    private static final Set<String> PASSED = Set.of("PATH", "HOME", "GIT_SSL_CAINFO", "SSL_CERT_FILE", "SSL_CERT_DIR",
            "CURL_CA_BUNDLE", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy");

    private final List<String> protocols;

    @Inject
    public GitSource(SlipwayConfig config) {
        this(config.git().protocols());
    }

    GitSource(List<String> protocols) {
        this.protocols = List.copyOf(protocols);
    }

    /** Clones {@code request} and packs it; the caller deletes the returned archive. */
    public Path fetch(Request request) {
        URI url = check(request);
        Path work = null;
        try {
            work = Files.createTempDirectory("slipway-git-");
            Path tree = work.resolve("tree");
            List<String> clone = new ArrayList<>(List.of("git", "-c", "protocol.ext.allow=never", "clone", "--quiet",
                    "--depth", "1"));
            if (request.ref() != null) {
                clone.addAll(List.of("--branch", request.ref()));
            }
            clone.addAll(List.of("--", url.toString(), tree.toString()));
            List<String> output = new ArrayList<>();
            try {
                Commands.run(clone, work, environment(), output::add, CLONE_TIMEOUT);
            } catch (StageException e) {
                throw ApiException.badRequest("git clone of " + redacted(url) + " failed: "
                        + String.join(" ", output.subList(Math.max(0, output.size() - 3), output.size())).strip());
            }
            Path archive = Files.createTempFile("slipway-git-", ".tar.gz");
            try (OutputStream out = Files.newOutputStream(archive)) {
                SourceArchive.create(tree, out, SourceArchive.DEFAULT_EXCLUDES);
            }
            return archive;
        } catch (IOException e) {
            throw new IllegalStateException("cannot fetch " + redacted(url) + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir, e);
        }
    }

    /** The source as it may be shown: credentials in the URL are dropped. Safe on any input. */
    public static String describe(Request request) {
        if (request == null || request.git() == null) {
            return "git";
        }
        String where;
        try {
            where = redacted(new URI(request.git()));
        } catch (URISyntaxException e) {
            where = "(not a URL)";
        }
        return "git " + where + (request.ref() == null ? "" : " " + request.ref());
    }

    private URI check(Request request) {
        if (request == null || request.git() == null || request.git().isBlank()) {
            throw ApiException.badRequest("a git source needs {\"git\": URL, \"ref\": BRANCH or TAG}");
        }
        URI url;
        try {
            url = new URI(request.git());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("git URL is not a URL: " + e.getMessage());
        }
        if (url.getScheme() == null || !protocols.contains(url.getScheme().toLowerCase())) {
            throw ApiException.badRequest("git URL scheme \"" + (url.getScheme() == null ? "" : url.getScheme())
                    + "\" is not allowed; allowed: " + String.join(", ", protocols) + " (slipway.git.protocols)");
        }
        if (request.ref() != null && (!REF.matcher(request.ref()).matches() || request.ref().contains(".."))) {
            throw ApiException.badRequest("git ref \"" + request.ref() + "\" is not a branch or tag name");
        }
        return url;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((key, value) -> {
            if (PASSED.contains(key)) {
                env.put(key, value);
            }
        });
        env.put("GIT_ALLOW_PROTOCOL", String.join(":", protocols));
        env.put("GIT_TERMINAL_PROMPT", "0");
        return env;
    }

    private static String redacted(URI url) {
        if (url.getUserInfo() == null) {
            return url.toString();
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + url.getPath();
    }
}
